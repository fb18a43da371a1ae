/**
 * A large import reaches every socket in slices (one frame per slice, so a page can render between
 * them) while storage gets the whole import in ONE transaction: a failed write leaves nothing of
 * it, and the rows written hold every event.
 */
import { readImportsInProgress, readTimeline } from '@causeway/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateFile } from '../../../packages/core/src/testing/generate.ts';
import { FRAME_MERGE_BYTES, mergeInFrames } from '../src/rooms/room.ts';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import type { Storage } from '../src/storage/storage.ts';
import {
  connect,
  createBoard,
  invite,
  removeDir,
  startRelay,
  synced,
  TEST_SECRET,
  type TestRelay,
  tempDir,
  waitFor,
} from './helpers.ts';

const ROWS = 5_000;
const FILE = generateFile('thehive4', ROWS);

/** Storage that records each append call's rows and can be told to fail appends. */
function recording(inner: Storage, appended: Uint8Array[][], fail: { on: boolean }): Storage {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        if (key === 'appendUpdate' || key === 'appendUpdates') {
          if (fail.on) throw new Error('SQLITE_IOERR: disk I/O error');
          const rows = args[1] as Uint8Array | Uint8Array[];
          appended.push(Array.isArray(rows) ? rows : [rows]);
        }
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let relay: TestRelay | undefined;
afterEach(async () => {
  await relay?.close();
  if (relay) removeDir(relay.dataDir);
  relay = undefined;
});

async function newBoard(r: TestRelay): Promise<string> {
  const res = await fetch(`${r.http}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Slices', incidentId: '', severity: 'SEV3' }),
  });
  return ((await res.json()) as { room: string }).room;
}

const importFile = (r: TestRelay, room: string, query = '') =>
  fetch(`${r.http}/api/rooms/${room}/import${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: FILE,
  });

describe('a large import', () => {
  it('arrives as one update per slice, each advancing the shared progress, stored in one transaction', async () => {
    const dir = tempDir();
    const appended: Uint8Array[][] = [];
    const storage = recording(new SqliteStorage(sqliteFile(dir)), appended, { on: false });
    relay = await startRelay({ dataDir: dir, storage });
    const room = await newBoard(relay);
    const peer = connect(relay, room);
    await synced(peer);
    const progress: number[] = [];
    peer.doc.on('update', () => {
      const [p] = readImportsInProgress(peer.doc);
      progress.push(p ? p.added : readTimeline(peer.doc).length);
    });
    appended.length = 0;
    const res = await importFile(relay, room, '?label=case.json&by=Ada');
    expect(res.status).toBe(201);
    await waitFor(() => readTimeline(peer.doc).length === ROWS, 10_000, 'every event');
    expect(progress).toEqual([2_000, 4_000, ROWS]);
    expect(readImportsInProgress(peer.doc)).toEqual([]);
    // One append call, one transaction, holds the whole import: no stored state has part of it.
    expect(appended).toHaveLength(1);
    const rows = appended[0] ?? [];
    expect(rows).toHaveLength(3);
    const fromRows = new Y.Doc();
    for (const row of rows) Y.applyUpdate(fromRows, row);
    expect(readTimeline(fromRows)).toHaveLength(ROWS);
    expect(readImportsInProgress(fromRows)).toEqual([]);
    peer.destroy();
  });

  it('names the import on every page while it lands: file and who', async () => {
    relay = await startRelay();
    const room = await newBoard(relay);
    const peer = connect(relay, room);
    await synced(peer);
    const seen: unknown[] = [];
    peer.doc.on('update', () => seen.push(...readImportsInProgress(peer.doc)));
    await importFile(relay, room, '?label=case.json&by=Ada');
    await waitFor(() => readTimeline(peer.doc).length === ROWS, 10_000, 'every event');
    expect(seen[0]).toMatchObject({ label: 'case.json', by: 'Ada', total: ROWS, added: 2_000 });
    peer.destroy();
  });

  it("names the invite's subject, not the client's `by`, with invites on; caps both names", async () => {
    relay = await startRelay({ secret: TEST_SECRET });
    const { room, token } = await createBoard(relay);
    const editor = await invite(relay, room, token as string, 'editor', 'Grace');
    const peer = connect(relay, room, editor.token);
    await synced(peer);
    const seen: { label: string; by: string }[] = [];
    peer.doc.on('update', () => seen.push(...readImportsInProgress(peer.doc)));
    const label = `  ${'x'.repeat(300)}.json  `;
    const res = await fetch(
      `${relay.http}/api/rooms/${room}/import?${new URLSearchParams({ label, by: 'Mallory' })}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editor.token}` },
        body: FILE,
      },
    );
    expect(res.status).toBe(201);
    await waitFor(() => readTimeline(peer.doc).length === ROWS, 10_000, 'every event');
    expect(seen[0]?.by).toBe('Grace');
    expect(seen[0]?.label).toBe(`${'x'.repeat(119)}…`);
    peer.destroy();
  });

  it('leaves the relay free between slices: its timers run while the import lands', async () => {
    relay = await startRelay();
    const room = await newBoard(relay);
    const peer = connect(relay, room);
    await synced(peer);
    const live = relay.app.rooms.get(room);
    if (!live) throw new Error('room not loaded');
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    const turnAtSlice: number[] = [];
    live.doc.on('update', () => turnAtSlice.push(turns));
    try {
      expect((await importFile(relay, room)).status).toBe(201);
    } finally {
      clearInterval(timer);
    }
    expect(turnAtSlice).toHaveLength(3);
    expect(turnAtSlice[1]).toBeGreaterThan(turnAtSlice[0] as number);
    expect(turnAtSlice[2]).toBeGreaterThan(turnAtSlice[1] as number);
    peer.destroy();
  });

  it('a failed write keeps none of it, on disk or on any page', async () => {
    const dir = tempDir();
    const fail = { on: false };
    const storage = recording(new SqliteStorage(sqliteFile(dir)), [], fail);
    relay = await startRelay({ dataDir: dir, storage });
    const room = await newBoard(relay);
    const peer = connect(relay, room);
    await synced(peer);
    fail.on = true;
    const res = await importFile(relay, room);
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(readTimeline(peer.doc)).toEqual([]);
    peer.destroy();
    fail.on = false;
    await relay.close();
    relay = await startRelay({ dataDir: dir });
    const board = await fetch(`${relay.http}/api/rooms/${room}/export`);
    expect(((await board.json()) as { timeline: unknown[] }).timeline).toEqual([]);
  });

  it('two imports of the same large file at once add each event once', async () => {
    relay = await startRelay();
    const room = await newBoard(relay);
    const r = relay;
    const answers = await Promise.all([importFile(r, room), importFile(r, room)]);
    const added = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { added: number }).added),
    );
    expect(added.sort((a, b) => a - b)).toEqual([0, ROWS]);
    const peer = connect(relay, room);
    await synced(peer, 10_000);
    expect(readTimeline(peer.doc)).toHaveLength(ROWS);
    peer.destroy();
  });
});

describe('frames', () => {
  const update = (bytes: number) => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(bytes));
    return Y.encodeStateAsUpdate(doc);
  };

  it('merges small updates into one frame but never merges past the cap, in order', () => {
    const small = [update(10), update(10), update(10)];
    expect(mergeInFrames(small, FRAME_MERGE_BYTES)).toHaveLength(1);
    const big = [update(FRAME_MERGE_BYTES), update(FRAME_MERGE_BYTES)];
    const frames = mergeInFrames(
      [small[0] as Uint8Array, ...big, small[1] as Uint8Array],
      FRAME_MERGE_BYTES,
    );
    expect(frames).toHaveLength(4);
    // Everything arrives, whatever the grouping.
    const doc = new Y.Doc();
    for (const f of frames) Y.applyUpdate(doc, f);
    expect(doc.getText('t').length).toBe(2 * FRAME_MERGE_BYTES + 20);
  });
});
