/**
 * When storage fails, the relay says so (close 4500 with a reason), relays nothing it failed to
 * store, and the client keeps its edit and delivers it once storage works again.
 */
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../src/errors.ts';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import type { Storage } from '../src/storage/storage.ts';
import {
  connect,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  tempDir,
  waitFor,
} from './helpers.ts';

let failing = false;
const WRITES = new Set<PropertyKey>(['appendUpdate', 'appendUpdates', 'loadLog', 'compact']);
function flaky(inner: Storage): Storage {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        if (failing && WRITES.has(key)) throw new Error('SQLITE_FULL: database or disk is full');
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let relay: TestRelay;
afterAll(async () => {
  await relay.close();
  removeDir(relay.dataDir);
});

it('a failed write closes 4500 with a reason, is never relayed, and the edit survives in the client', async () => {
  const dir = tempDir();
  relay = await startRelay({ dataDir: dir, storage: flaky(new SqliteStorage(sqliteFile(dir))) });
  const writer = connect(relay, 'disk');
  const reader = connect(relay, 'disk');
  await Promise.all([synced(writer), synced(reader)]);
  writer.doc.getMap('m').set('saved', 1);
  await waitFor(() => reader.doc.getMap('m').get('saved') === 1);

  const closes: Array<{ code: number; reason: string }> = [];
  writer.provider.on('connection-close', (ev) =>
    closes.push({ code: ev?.code ?? 0, reason: ev?.reason ?? '' }),
  );
  failing = true;
  writer.doc.getMap('m').set('unsaved', 2);
  await waitFor(() => closes.length > 0, 3000, 'close');
  expect(closes[0]).toEqual({
    code: CLOSE.roomUnavailable,
    reason: 'storage failed; reconnect later',
  });
  // The reader was never sent what could not be stored; the writer still has it.
  await new Promise((r) => setTimeout(r, 200));
  expect(reader.doc.getMap('m').has('unsaved')).toBe(false);
  expect(writer.doc.getMap('m').get('unsaved')).toBe(2);

  failing = false;
  await waitFor(
    () => reader.doc.getMap('m').get('unsaved') === 2,
    10_000,
    'delivery after recovery',
  );
  await relay.app.rooms.idle();
  const stored = new Y.Doc();
  Y.applyUpdate(stored, Y.mergeUpdates([...(await relay.app.storage.loadLog('disk')).updates]));
  expect(stored.getMap('m').toJSON()).toEqual({ saved: 1, unsaved: 2 });
  writer.destroy();
  reader.destroy();
});
