/**
 * With the relay's default timings, a client whose connection dies without a close frame (its
 * socket stops reading, so it never answers pings) vanishes from everyone's presence in < 30 s.
 */
import type { Socket } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { DEFAULTS } from '../src/config.ts';
import {
  type Client,
  connect,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  waitFor,
} from './helpers.ts';

let relay: TestRelay;
const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  await relay.close();
  removeDir(relay.dataDir);
});

it('a silently dead peer leaves everyone’s presence within 30 s (default timings)', {
  timeout: 60_000,
}, async () => {
  relay = await startRelay({
    keepaliveMs: DEFAULTS.keepaliveMs,
    deadPeerMs: DEFAULTS.deadPeerMs,
  });
  const watcher = connect(relay, 'presence');
  const doomed = connect(relay, 'presence');
  clients.push(watcher, doomed);
  await Promise.all([synced(watcher), synced(doomed)]);
  doomed.provider.awareness.setLocalState({ user: { name: 'Doomed' } });
  await waitFor(
    () => watcher.provider.awareness.getStates().has(doomed.doc.clientID),
    3000,
    'presence',
  );
  // The network dies: nothing is read any more (no pong), nothing is closed.
  const tcp = (doomed.provider.ws as unknown as { _socket: Socket })._socket;
  tcp.pause();
  const started = Date.now();
  await waitFor(
    () => !watcher.provider.awareness.getStates().has(doomed.doc.clientID),
    35_000,
    'removal of the dead peer',
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(`presence: dead peer removed after ${seconds.toFixed(1)} s`);
  expect(seconds).toBeLessThan(30);
  expect(watcher.provider.wsconnected).toBe(true);
});
