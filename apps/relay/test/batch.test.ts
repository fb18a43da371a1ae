/**
 * Batching (one stored row and one frame per event-loop turn) against the security guarantees:
 * the audit log and the board size cap see every update of a batch, and a sync reply queued
 * behind a batch that failed to store is never sent.
 */
import { afterEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Connection } from '../src/rooms/connection.ts';
import type { Room } from '../src/rooms/room.ts';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import type { Storage } from '../src/storage/storage.ts';
import { removeDir, startRelay, type TestRelay, tempDir } from './helpers.ts';

let relay: TestRelay | undefined;
afterEach(async () => {
  await relay?.close();
  if (relay) removeDir(relay.dataDir);
  relay = undefined;
});

it('updates of one turn are stored as one row, yet each is audited and counted towards the size cap', async () => {
  relay = await startRelay();
  const app = relay.app;
  const sizes = await app.rooms.withRoom('batched', (room) => {
    const before = app.boardSize.sizeOf(room);
    const map = room.doc.getMap('m');
    for (let i = 0; i < 5; i++) map.set(`k${i}`, 'x'.repeat(100));
    return { before, after: app.boardSize.sizeOf(room) };
  });
  await app.rooms.idle();
  const entries = await app.audit.list('batched', 100);
  expect(entries).toHaveLength(5);
  expect(sizes.after - sizes.before).toBe(entries.reduce((n, e) => n + e.bytes, 0));
  const log = await app.storage.loadLog('batched');
  const doc = new Y.Doc();
  for (const u of log.updates) Y.applyUpdate(doc, u);
  expect(Object.keys(doc.getMap('m').toJSON())).toHaveLength(5);
});

it('a batch is appended once: five updates in one turn make one row', async () => {
  const dir = tempDir();
  const inner = new SqliteStorage(sqliteFile(dir));
  const append = vi.spyOn(inner, 'appendUpdate');
  relay = await startRelay({ dataDir: dir, storage: inner, compactAfter: 1000 });
  await relay.app.rooms.withRoom('one-row', (room) => {
    for (let i = 0; i < 5; i++) room.doc.getMap('m').set(`k${i}`, i);
  });
  expect(append).toHaveBeenCalledTimes(1);
});

it('a sync reply queued behind a batch whose write fails is never sent', async () => {
  const dir = tempDir();
  const inner = new SqliteStorage(sqliteFile(dir));
  let failWrites = false;
  const storage: Storage = new Proxy(inner, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (key !== 'appendUpdate' || typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        await new Promise((r) => setTimeout(r, 20));
        if (failWrites) throw new Error('disk full');
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  relay = await startRelay({ dataDir: dir, storage });
  const app = relay.app;
  const fake = { send: vi.fn(), sendShared: vi.fn() } as unknown as Connection;
  let captured: Room | undefined;
  const attempt = app.rooms.withRoom('fails', (room) => {
    captured = room;
    failWrites = true;
    room.doc.getMap('m').set('unsaved', 1);
    // Computed from a doc holding the unsaved update; it must wait, then be dropped.
    room.sendAfterFlush(fake, room.fullStateReply());
    room.sendAfterFlush(fake, Uint8Array.of(0, 1, 0));
  });
  await expect(attempt).rejects.toThrow(/failed to persist/);
  expect(captured?.broken).toBe(true);
  expect(fake.send).not.toHaveBeenCalled();
  expect(fake.sendShared).not.toHaveBeenCalled();
});
