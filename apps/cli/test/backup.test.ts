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
import { runBackup } from '../src/commands/backup.ts';
import { runRestore } from '../src/commands/restore.ts';
import { runToken } from '../src/commands/token.ts';
import { openBackupSources } from '../src/dataDir.ts';
import { EXIT } from '../src/exit.ts';
import { run } from '../src/program.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) removeDir(d);
});

const boardText = async (dataDir: string, room: string) => {
  const src = await openBackupSources(dataDir);
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates([...(await src.storage.loadLog(room)).updates]));
    return {
      meta: doc.getMap('meta').toJSON(),
      snaps: await src.storage.listSnapshots(room),
      invites: await src.invites.list(room),
      // seq numbers the whole data dir's log, so only the entries themselves must match.
      audit: (await src.audit.list(room, 1000)).map(({ seq: _seq, ...entry }) => entry),
    };
  } finally {
    await src.close();
  }
};

it('backs up every board of a data dir and restores them into an empty one', async () => {
  // With a secret, so the boards carry invites and an audit log the backup must keep too.
  const relay = await startRelay({ secret: TEST_SECRET });
  dirs.push(relay.dataDir);
  const one = await createBoard(relay, 'First');
  const two = await createBoard(relay, 'Second');
  const edit = connect(relay, one.room, one.token);
  await synced(edit);
  edit.doc.getMap('meta').set('rootCause', 'expired certificate');
  await waitFor(
    () => relay.app.rooms.get(one.room)?.doc.getMap('meta').get('rootCause') !== undefined,
    3000,
    'edit on the relay',
  );
  edit.destroy();
  await fetch(`${relay.http}/api/rooms/${one.room}/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${one.token}` },
    body: JSON.stringify({ label: 'kept' }),
  });
  await relay.close();
  const source = await boardText(relay.dataDir, one.room);
  expect(source.snaps).toHaveLength(1);
  expect(source.invites.length).toBeGreaterThan(0);
  expect(source.audit.length).toBeGreaterThan(0);
  const text = await runBackup({ data: relay.dataDir });
  const target = tempDir();
  dirs.push(target);
  expect(await runRestore(text, { data: target })).toEqual([one.room, two.room].sort());
  expect(await boardText(target, one.room)).toEqual(source);
  expect((await boardText(target, two.room)).meta.title).toBe('Second');
  // Restoring again merges: nothing duplicated, nothing lost.
  await runRestore(text, { data: target });
  expect(await boardText(target, one.room)).toEqual(source);
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

it('one CLI: backup, restore and token share the exit codes of import', async () => {
  const err: string[] = [];
  const cli = (...argv: string[]) => run(argv, { out: () => {}, err: (l) => err.push(l) });
  expect(await cli('backup', '--out', 'x.json', '--url', 'http://127.0.0.1:9')).toBe(EXIT.usage);
  expect(err.at(-1)).toContain('--url backs up one board: give --room');
  expect(
    await cli('backup', '--out', 'x.json', '--url', 'http://127.0.0.1:9', '--room', 'r1'),
  ).toBe(EXIT.connection);
  const target = tempDir();
  dirs.push(target);
  const missing = await cli('restore', '--in', `${target}/none.json`, '--data', target);
  expect(missing).toBe(EXIT.usage);
  expect(await cli('token', '--room', 'r1', '--role', 'owner', '--data', target)).toBe(EXIT.usage);
});
