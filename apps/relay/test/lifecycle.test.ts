/** The relay process: refuses open access beyond loopback; SIGTERM flushes and closes with a reason. */
import { afterAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CLOSE } from '../src/errors.ts';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import { connect, removeDir, type TestRelay, tempDir, waitFor } from './helpers.ts';
import { freePort, healthy, killRelayHard, portClosed, spawnRelay } from './process.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) removeDir(d);
});

it('refuses to start on a non-loopback address without CAUSEWAY_SECRET (non-zero exit, clear error)', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const relay = spawnRelay({
    HOST: '0.0.0.0',
    PORT: String(await freePort()),
    CAUSEWAY_DATA: dir,
    CAUSEWAY_SECRET: '',
  });
  const { code } = await relay.exited;
  expect(code).not.toBe(0);
  expect(relay.stderr()).toMatch(/refusing to listen on 0\.0\.0\.0 without CAUSEWAY_SECRET/);
});

it('a storage it cannot open is one line on stderr and exit 2, not a stack trace', async () => {
  const relay = spawnRelay({
    PORT: String(await freePort()),
    CAUSEWAY_STORAGE: 'postgres',
    DATABASE_URL: '',
  });
  const { code } = await relay.exited;
  expect(code).toBe(2);
  expect(relay.stderr().trim()).toBe(
    'causeway relay: cannot open storage or start: CAUSEWAY_STORAGE=postgres needs DATABASE_URL (postgres://user@host/db)',
  );
});

it('starts on a non-loopback address when a secret is set', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const port = await freePort();
  const relay = spawnRelay({
    HOST: '0.0.0.0',
    PORT: String(port),
    CAUSEWAY_DATA: dir,
    CAUSEWAY_SECRET: 'a-secret-that-is-at-least-32-bytes-long!',
  });
  await healthy(port);
  relay.child.kill('SIGTERM');
  expect((await relay.exited).code).toBe(0);
  expect(await portClosed(port)).toBe(true);
});

it('SIGKILL on the spawned process kills the relay itself: pid gone, port closed', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const port = await freePort();
  const relay = spawnRelay({ HOST: '127.0.0.1', PORT: String(port), CAUSEWAY_DATA: dir });
  await healthy(port);
  await killRelayHard(relay, port);
  expect((await relay.exited).signal).toBe('SIGKILL');
});

it('an invite token in a socket URL never reaches the relay’s log', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const port = await freePort();
  const relay = spawnRelay({
    PORT: String(port),
    CAUSEWAY_DATA: dir,
    CAUSEWAY_SECRET: 'a-secret-that-is-at-least-32-bytes-long!',
    LOG_LEVEL: 'info',
  });
  await healthy(port);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/sync/logged?token=canary-token-0123456789`);
  const code = await new Promise<number>((resolve) => ws.once('close', resolve));
  expect(code).toBe(CLOSE.unauthorized);
  relay.child.kill('SIGTERM');
  await relay.exited;
  expect(relay.stdout()).toContain('/sync/logged?token=[redacted]');
  expect(relay.stdout()).not.toContain('canary-token');
});

it('SIGTERM closes sockets with 1001 and a reason, and everything sent is on disk', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const port = await freePort();
  const relay = spawnRelay({ HOST: '127.0.0.1', PORT: String(port), CAUSEWAY_DATA: dir });
  await healthy(port);
  const fake = { ws: `ws://127.0.0.1:${port}/sync` } as TestRelay;
  const a = connect(fake, 'term');
  const b = connect(fake, 'term');
  const closes: Array<{ code: number; reason: string }> = [];
  a.provider.on('connection-close', (ev) =>
    closes.push({ code: ev?.code ?? 0, reason: ev?.reason ?? '' }),
  );
  for (let i = 0; i < 50; i++) a.doc.getMap('m').set(`k${i}`, i);
  await waitFor(() => b.doc.getMap('m').size === 50, 5000, 'b to receive');
  relay.child.kill('SIGTERM');
  expect((await relay.exited).code).toBe(0);
  await waitFor(() => closes.length > 0, 5000, 'close');
  expect(closes[0]).toEqual({ code: 1001, reason: 'relay shutting down' });
  a.destroy();
  b.destroy();
  const storage = new SqliteStorage(sqliteFile(dir));
  const log = await storage.loadLog('term');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...log.updates]));
  expect(doc.getMap('m').size).toBe(50);
  // Shutdown compacted the log to one row.
  expect(log.updates).toHaveLength(1);
  await storage.close();
});
