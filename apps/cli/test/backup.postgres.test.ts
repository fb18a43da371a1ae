/**
 * `causeway backup` / `restore` where the boards, invites and audit live in PostgreSQL
 * (CAUSEWAY_STORAGE=postgres): offline on the database, across to SQLite, and into a running relay.
 */
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStorage } from '../../relay/src/storage/postgres.ts';
import {
  connect,
  createBoard,
  invite,
  removeDir,
  startRelay,
  synced,
  TEST_SECRET,
  tempDir,
  waitFor,
} from '../../relay/test/helpers.ts';
import {
  describeWith,
  dropSchema,
  freshSchema,
  PG_URL,
  POSTGRES,
} from '../../relay/test/services.ts';
import { runBackup } from '../src/commands/backup.ts';
import { runRestore } from '../src/commands/restore.ts';
import { runToken } from '../src/commands/token.ts';
import { openBackupSources } from '../src/dataDir.ts';

const schemas: string[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(s);
  for (const d of dirs) removeDir(d);
});

/** A fresh schema with the tables, and the env that points the CLI and a relay at it. */
async function database() {
  const schema = freshSchema('cw_cli_backup');
  schemas.push(schema);
  await (await PostgresStorage.open({ connectionString: PG_URL, schema })).close();
  const url = `${PG_URL}?options=-c%20search_path%3D${schema}`;
  return { url, env: { CAUSEWAY_STORAGE: 'postgres', DATABASE_URL: url } };
}

const boardText = async (data: string, env: NodeJS.ProcessEnv, room: string) => {
  const src = await openBackupSources(data, env);
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates([...(await src.storage.loadLog(room)).updates]));
    return {
      meta: doc.getMap('meta').toJSON(),
      snaps: await src.storage.listSnapshots(room),
      invites: await src.invites.list(room),
      audit: (await src.audit.list(room, 1000)).map(({ seq: _seq, ...entry }) => entry),
    };
  } finally {
    await src.close();
  }
};

await describeWith([POSTGRES], 'backup and restore on PostgreSQL', () => {
  it('carries boards, invites (revocations too) and audit: PostgreSQL → PostgreSQL, → SQLite, → a live relay', async () => {
    const source = await database();
    const relay = await startRelay({
      secret: TEST_SECRET,
      storageBackend: 'postgres',
      databaseUrl: source.url,
    });
    dirs.push(relay.dataDir);
    const board = await createBoard(relay, 'On PostgreSQL');
    const token = board.token ?? '';
    const edit = connect(relay, board.room, token);
    await synced(edit);
    edit.doc.getMap('meta').set('rootCause', 'expired certificate');
    await waitFor(
      () => relay.app.rooms.get(board.room)?.doc.getMap('meta').get('rootCause') !== undefined,
      3000,
      'edit on the relay',
    );
    edit.destroy();
    const eve = await invite(relay, board.room, token, 'editor', 'Eve');
    await fetch(`${relay.http}/api/rooms/${board.room}/invites/${eve.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    await relay.close();

    const before = await boardText('', source.env, board.room);
    expect(before.invites).toHaveLength(2);
    expect(before.invites.find((i) => i.id === eve.id)?.revokedAt).not.toBeNull();
    expect(before.audit.some((e) => e.subject === 'Fran' && e.action === 'edit')).toBe(true);
    // Nothing of it is in the (unused) data directory's SQLite file.
    expect((await boardText(relay.dataDir, {}, board.room)).invites).toEqual([]);

    const text = await runBackup({ data: '', env: source.env });
    const target = await database();
    expect(await runRestore(text, { data: '', env: target.env })).toEqual([board.room]);
    expect(await boardText('', target.env, board.room)).toEqual(before);
    // Restoring again duplicates nothing.
    await runRestore(text, { data: '', env: target.env });
    expect(await boardText('', target.env, board.room)).toEqual(before);

    // Across backends: the same file into a SQLite data directory.
    const dir = tempDir();
    dirs.push(dir);
    await runRestore(text, { data: dir, env: {} });
    expect(await boardText(dir, {}, board.room)).toEqual(before);

    // Into a running relay on PostgreSQL by URL: the backup's audit log comes along.
    const live = await database();
    const link = await runToken({
      room: board.room,
      role: 'facilitator',
      name: 'admin',
      hours: '1',
      data: '',
      secret: TEST_SECRET,
      env: live.env,
    });
    const admin = link.split('#token=')[1] ?? '';
    const moved = await startRelay({
      secret: TEST_SECRET,
      storageBackend: 'postgres',
      databaseUrl: live.url,
    });
    dirs.push(moved.dataDir);
    try {
      await runRestore(text, { data: '', url: moved.http, token: admin });
      const res = await fetch(`${moved.http}/api/rooms/${board.room}/audit`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const audit = (await res.json()) as Array<{ subject: string; action: string }>;
      expect(audit.some((e) => e.subject === 'Fran' && e.action === 'edit')).toBe(true);
      // The restore itself is the newest entry, made under the admin's invite.
      expect(audit[0]?.subject).toBe('admin');
      const invites = await fetch(`${moved.http}/api/rooms/${board.room}/invites`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const ids = ((await invites.json()) as Array<{ id: string }>).map((i) => i.id);
      expect(ids).toEqual(expect.arrayContaining(before.invites.map((i) => i.id)));
      // Eve's invite arrived revoked, so it opens nothing on this deployment either.
      const refused = await fetch(`${moved.http}/api/rooms/${board.room}/access`, {
        headers: { authorization: `Bearer ${eve.token}` },
      });
      expect(refused.status).toBe(401);
    } finally {
      await moved.close();
    }
  });
});
