/** Output routes read a room that is open from its live doc, and one nobody has open from storage. */
import { addEvent } from '@causeway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import {
  connect,
  createBoard,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  tempDir,
  waitFor,
} from './helpers.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dataDir);
});

describe('readBoardState', () => {
  it('a report of an open board shows a peer’s edit and leaves the room loaded', async () => {
    const { room } = await createBoard(relay, 'Live');
    const client = connect(relay, room);
    try {
      await synced(client);
      addEvent(client.doc, { time: '2024-05-01T10:00:00Z', description: 'typed a second ago' });
      await waitFor(
        () => relay.app.rooms.get(room)?.doc.getMap('events').size === 1,
        3000,
        'relay',
      );
      const md = await fetch(`${relay.http}/api/rooms/${room}/report.md`);
      expect(await md.text()).toContain('typed a second ago');
      expect(relay.app.rooms.get(room)?.holders).toBe(1);
    } finally {
      client.destroy();
    }
    await waitFor(() => relay.app.rooms.get(room) === undefined, 3000, 'room unload');
    await relay.app.rooms.idle();
    // Closed: read from storage, and the room is not loaded by the read.
    const again = await fetch(`${relay.http}/api/rooms/${room}/report.md`);
    expect(await again.text()).toContain('typed a second ago');
    expect(relay.app.rooms.get(room)).toBeUndefined();
  });
});

describe('outputs of an open board', () => {
  const paths = (room: string) => [
    `/api/rooms/${room}`,
    `/api/rooms/${room}/export`,
    `/api/rooms/${room}/report.md`,
    `/api/rooms/${room}/report.html`,
    `/api/rooms/${room}/timeline.csv`,
    `/api/rooms/${room}/action-items.csv`,
  ];

  it('read the live doc, never the stored log (seconds at 50,000 events)', async () => {
    const dir = tempDir();
    const loads: string[] = [];
    const inner = new SqliteStorage(sqliteFile(dir));
    const counting = new Proxy(inner, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (key !== 'loadLog' || typeof v !== 'function') return v;
        return (room: string) => {
          loads.push(room);
          return v.call(target, room);
        };
      },
    });
    const own = await startRelay({ dataDir: dir, storage: counting });
    try {
      const { room } = await createBoard(own, 'Open');
      const client = connect(own, room);
      await synced(client);
      loads.length = 0;
      for (const path of paths(room)) expect((await fetch(`${own.http}${path}`)).status).toBe(200);
      expect(loads).toEqual([]);
      client.destroy();
    } finally {
      await own.close();
      removeDir(dir);
    }
  });

  it('give every download a fresh export time and never a stale board', async () => {
    const { room } = await createBoard(relay, 'Cached');
    const client = connect(relay, room);
    try {
      await synced(client);
      const exportOf = async () =>
        (await (await fetch(`${relay.http}/api/rooms/${room}/export`)).json()) as {
          exportedAt: string;
          timeline: { description: string }[];
        };
      const first = await exportOf();
      await new Promise((r) => setTimeout(r, 5));
      const second = await exportOf();
      expect(second.exportedAt > first.exportedAt).toBe(true);
      expect(second.timeline).toEqual(first.timeline);

      addEvent(client.doc, {
        time: '2024-05-01T10:00:00Z',
        description: 'after the first download',
      });
      await waitFor(
        () => relay.app.rooms.get(room)?.doc.getMap('events').size === 1,
        3000,
        'relay',
      );
      expect((await exportOf()).timeline.map((e) => e.description)).toEqual([
        'after the first download',
      ]);
      const md = await (await fetch(`${relay.http}/api/rooms/${room}/report.md`)).text();
      expect(md).toContain('after the first download');
    } finally {
      client.destroy();
    }
  });

  it('render a report once per board version: the same bytes until the board changes', async () => {
    const { room } = await createBoard(relay, 'Rendered');
    const client = connect(relay, room);
    try {
      await synced(client);
      const report = async (kind: string) =>
        (await fetch(`${relay.http}/api/rooms/${room}/${kind}`)).text();
      for (const kind of ['report.md', 'report.html', 'timeline.csv']) {
        const first = await report(kind);
        await new Promise((r) => setTimeout(r, 5));
        // The "exported" time inside is that of the first rendering of this version.
        expect(await report(kind), kind).toBe(first);
      }
      const before = await report('report.md');
      addEvent(client.doc, { time: '2024-05-01T10:00:00Z', description: 'a new version' });
      await waitFor(
        () => relay.app.rooms.get(room)?.doc.getMap('events').size === 1,
        3000,
        'relay',
      );
      const after = await report('report.md');
      expect(after).not.toBe(before);
      expect(after).toContain('a new version');
      expect(await report('timeline.csv')).toContain('a new version');
    } finally {
      client.destroy();
    }
  });
});
