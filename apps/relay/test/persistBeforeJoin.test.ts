/**
 * Persist-before-relay, for peers and for joins: neither a connected peer nor a client joining
 * while an update is still being written receives it until storage has it (else a crash right
 * then leaves a client holding an edit the stored board lacks). The SIGKILL test only hits this
 * window by chance; here storage is held open so the window is certain.
 */
import { afterAll, expect, it } from 'vitest';
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

let holding = false;
let release: () => void = () => {};
let appends = 0;

/** Storage whose appends wait, while `holding`, until `release` is called. */
function gated(inner: Storage): Storage {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        if (key === 'appendUpdate') {
          appends++;
          if (holding) await new Promise<void>((r) => (release = r));
        }
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let relay: TestRelay;
afterAll(async () => {
  release();
  await relay.close();
  removeDir(relay.dataDir);
});

it('neither a connected peer nor a client joining while an update is written gets it before it is stored', async () => {
  const dir = tempDir();
  relay = await startRelay({ dataDir: dir, storage: gated(new SqliteStorage(sqliteFile(dir))) });
  const writer = connect(relay, 'join');
  const reader = connect(relay, 'join');
  await Promise.all([synced(writer), synced(reader)]);

  holding = true;
  const before = appends;
  writer.doc.getMap('m').set('pending', 1);
  await waitFor(() => appends > before, 2000, 'the append to start');

  const joiner = connect(relay, 'join');
  // Long enough for the relay to answer the joiner's sync step 1 if it did not wait.
  await new Promise((r) => setTimeout(r, 500));
  expect(joiner.provider.wsconnected).toBe(true);
  expect(joiner.doc.getMap('m').has('pending')).toBe(false);
  expect(reader.doc.getMap('m').has('pending')).toBe(false);

  holding = false;
  release();
  await waitFor(
    () =>
      joiner.doc.getMap('m').get('pending') === 1 && reader.doc.getMap('m').get('pending') === 1,
    3000,
    'delivery once stored',
  );
  writer.destroy();
  reader.destroy();
  joiner.destroy();
});
