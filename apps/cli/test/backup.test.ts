/** `causeway backup` / `restore`: offline on a data dir, and between two running relays by URL. */
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connect,
  createBoard,
  removeDir,
  startRelay,
  synced,
  TEST_SECRET,
  tempDir,
  waitFor,
} from '../../relay/test/helpers.ts';
import { openBackupSources, runBackup, runRestore, runToken } from '../src/commands.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) removeDir(d);
});

const boardText = async (dataDir: string, room: string) => {
  const src = openBackupSources(dataDir);
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates([...(await src.storage.loadLog(room)).updates]));
    return { meta: doc.getMap('meta').toJSON(), snaps: await src.storage.listSnapshots(room) };
  } finally {
    await src.close();
  }
};

it('backs up every board of a data dir and restores them into an empty one', async () => {
  const relay = await startRelay();
  dirs.push(relay.dataDir);
  const one = await createBoard(relay, 'First');
  const two = await createBoard(relay, 'Second');
  await fetch(`${relay.http}/api/rooms/${one.room}/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'kept' }),
  });
  await relay.close();
  const text = await runBackup({ data: relay.dataDir });
  const target = tempDir();
  dirs.push(target);
  expect(await runRestore(text, { data: target })).toEqual([one.room, two.room].sort());
  expect(await boardText(target, one.room)).toEqual(await boardText(relay.dataDir, one.room));
  expect((await boardText(target, two.room)).meta.title).toBe('Second');
  // Restoring again merges: nothing duplicated, nothing lost.
  await runRestore(text, { data: target });
  expect((await boardText(target, one.room)).snaps).toHaveLength(1);
});

it('moves one board between two running relays by URL, live clients see it', async () => {
  const a = await startRelay({ secret: TEST_SECRET });
  const b = await startRelay({ secret: TEST_SECRET });
  dirs.push(a.dataDir, b.dataDir);
  try {
    const src = await createBoard(a, 'Moving board');
    const text = await runBackup({ data: '', url: a.http, room: src.room, token: src.token });
    // On the target, an admin mints a facilitator token for the board id offline.
    const link = await runToken({
      room: src.room,
      role: 'facilitator',
      name: 'admin',
      hours: '1',
      data: b.dataDir,
      secret: TEST_SECRET,
    });
    const token = link.split('#token=')[1] ?? '';
    const watcher = connect(b, src.room, token);
    await synced(watcher);
    await runRestore(text, { data: '', url: b.http, token });
    await waitFor(
      () => watcher.doc.getMap('meta').get('title') === 'Moving board',
      3000,
      'live restore',
    );
    watcher.destroy();
    const res = await fetch(`${b.http}/api/rooms/${src.room}/snapshots`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    // Without a token the target refuses.
    await expect(runRestore(text, { data: '', url: b.http })).rejects.toThrow(/401/);
  } finally {
    await a.close();
    await b.close();
  }
});
