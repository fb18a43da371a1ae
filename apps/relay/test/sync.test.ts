/** End-to-end sync through a real relay with stock y-websocket clients. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../src/errors.ts';
import { sqliteFile } from '../src/storage/sqlite.ts';
import {
  type Client,
  closed,
  connect,
  rawSocket,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  waitFor,
} from './helpers.ts';

const text = (c: Client) => c.doc.getText('t').toString();

/** The room's persisted state, read through a separate SQLite connection. */
function storedText(dataDir: string, room: string): string {
  const db = new Database(sqliteFile(dataDir), { readonly: true });
  try {
    const rows = db
      .prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ?')
      .all(room);
    const doc = new Y.Doc();
    for (const r of rows) Y.applyUpdate(doc, r.data);
    return doc.getText('t').toString();
  } finally {
    db.close();
  }
}

const rowCount = (dataDir: string, room: string) => {
  const db = new Database(sqliteFile(dataDir), { readonly: true });
  try {
    return db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE room = ?')
      .get(room)?.n;
  } finally {
    db.close();
  }
};

describe('sync through the relay', () => {
  let relay: TestRelay | undefined;
  const clients: Client[] = [];
  const open = (room: string) => {
    if (!relay) throw new Error('no relay');
    const c = connect(relay, room);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.close();
    if (relay) removeDir(relay.dataDir);
    relay = undefined;
  });

  it('two providers sync both ways', async () => {
    relay = await startRelay();
    const a = open('both-ways');
    const b = open('both-ways');
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText('t').insert(0, 'from a;');
    await waitFor(() => text(b) === 'from a;');
    b.doc.getText('t').insert(7, 'from b');
    await waitFor(() => text(a) === 'from a;from b');
  });

  it('a late joiner gets the full state', async () => {
    relay = await startRelay();
    const a = open('late');
    await synced(a);
    for (let i = 0; i < 20; i++) a.doc.getText('t').insert(i, 'x');
    await waitFor(() => relay?.app.rooms.get('late')?.doc.getText('t').length === 20);
    const b = open('late');
    await synced(b);
    expect(text(b)).toBe('x'.repeat(20));
  });

  it('persists an update before relaying it', async () => {
    relay = await startRelay();
    const dataDir = relay.dataDir;
    const a = open('persist');
    const b = open('persist');
    await Promise.all([synced(a), synced(b)]);
    const seenOnDisk: string[] = [];
    b.doc.on('update', () => seenOnDisk.push(storedText(dataDir, 'persist')));
    for (const word of ['one ', 'two ', 'three']) a.doc.getText('t').insert(text(a).length, word);
    await waitFor(() => text(b) === 'one two three');
    // Whenever B heard of a change, the store already held at least what B then had.
    expect(seenOnDisk.length).toBeGreaterThan(0);
    expect(seenOnDisk.at(-1)).toBe('one two three');
    for (const s of seenOnDisk) expect('one two three'.startsWith(s)).toBe(true);
  });

  it('a restarted relay with the same data dir keeps every update', async () => {
    relay = await startRelay();
    const dataDir = relay.dataDir;
    const a = open('restart');
    await synced(a);
    for (let i = 0; i < 50; i++) a.doc.getText('t').insert(i, String(i % 10));
    const expected = text(a);
    await waitFor(() => storedText(dataDir, 'restart') === expected);
    a.destroy();
    clients.splice(0);
    await relay.close();
    relay = await startRelay({ dataDir });
    const b = open('restart');
    await synced(b);
    expect(text(b)).toBe(expected);
  });

  it('frees a room after its last client leaves, compacting its log to one row', async () => {
    relay = await startRelay();
    const { app, dataDir } = relay;
    const a = open('free');
    const b = open('free');
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 10; i++) a.doc.getText('t').insert(i, 'y');
    await waitFor(() => text(b).length === 10);
    const room = app.rooms.get('free');
    if (!room) throw new Error('room not loaded');
    expect(room.connections.size).toBe(2);
    a.destroy();
    await waitFor(() => room.connections.size === 1);
    expect(app.rooms.get('free')).toBe(room);
    b.destroy();
    await waitFor(() => app.rooms.get('free') === undefined);
    await app.rooms.idle();
    expect(app.rooms.size).toBe(0);
    expect(room.doc.isDestroyed).toBe(true);
    // Awareness.destroy() (which also clears its outdated-state timer) drops every observer.
    expect(
      (room.awareness as unknown as { _observers: Map<string, unknown> })._observers.size,
    ).toBe(0);
    expect(rowCount(dataDir, 'free')).toBe(1);
    expect(storedText(dataDir, 'free')).toBe('y'.repeat(10));
  });

  it('compacts the log once it passes compactAfter rows', async () => {
    relay = await startRelay({ compactAfter: 20 });
    const { dataDir } = relay;
    const a = open('compact');
    await synced(a);
    for (let i = 0; i < 45; i++) a.doc.getText('t').insert(i, 'z');
    await waitFor(() => storedText(dataDir, 'compact') === 'z'.repeat(45));
    await relay.app.rooms.get('compact')?.flushed();
    expect(rowCount(dataDir, 'compact')).toBeLessThanOrEqual(21);
  });

  it('removes a leaving client’s presence and tells the others', async () => {
    relay = await startRelay();
    const a = open('presence');
    const b = open('presence');
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalState({ user: 'a' });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID));
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID));
  });

  it('closing the relay sends 1001 with a reason and leaves a compacted, complete store', async () => {
    relay = await startRelay();
    const { dataDir } = relay;
    const a = open('shutdown');
    await synced(a);
    for (let i = 0; i < 5; i++) a.doc.getText('t').insert(i, 's');
    await waitFor(() => storedText(dataDir, 'shutdown') === 'sssss');
    const raw = await rawSocket(relay, 'shutdown');
    const done = closed(raw);
    await relay.close();
    expect(await done).toEqual({ code: CLOSE.goingAway, reason: 'relay shutting down' });
    expect(rowCount(dataDir, 'shutdown')).toBe(1);
    expect(storedText(dataDir, 'shutdown')).toBe('sssss');
    removeDir(dataDir);
    relay = undefined;
  });
});
