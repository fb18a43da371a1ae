/** Restarting the relay under 200 stock clients: exactly 200 sockets come back and all resync. */
import { afterAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { buildApp } from '../src/app.ts';
import { removeDir, tempDir, waitFor } from './helpers.ts';

const CLIENTS = 200;
let attempts = 0;
/** The stock provider's socket class, counting every connection attempt. */
class CountingWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    attempts++;
  }
}

const dataDir = tempDir();
const opts = { dataDir, logLevel: 'silent', webDist: `${dataDir}/none` } as const;
let app = await buildApp(opts);
const providers: Array<{ doc: Y.Doc; provider: WebsocketProvider }> = [];
afterAll(async () => {
  for (const p of providers) {
    p.provider.destroy();
    p.doc.destroy();
  }
  await app.close();
  removeDir(dataDir);
});

it(`${CLIENTS} clients: one socket each after a restart, all resynced, no reconnect storm`, {
  timeout: 90_000,
}, async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  for (let i = 0; i < CLIENTS; i++) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, `room-${i % 10}`, doc, {
      WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    providers.push({ doc, provider });
  }
  await waitFor(() => providers.every((p) => p.provider.synced), 30_000, 'first sync');
  providers[0]?.doc.getMap('m').set('before', 'restart');
  expect(attempts).toBe(CLIENTS);

  attempts = 0;
  const codes: number[] = [];
  for (const p of providers) p.provider.on('connection-close', (ev) => codes.push(ev?.code ?? -1));
  const down = Date.now();
  await app.close();
  await waitFor(
    () => providers.every((p) => !p.provider.synced),
    10_000,
    'clients to see the close',
  );
  expect(new Set(codes)).toEqual(new Set([1001]));
  app = await buildApp(opts);
  await app.listen({ port, host: '127.0.0.1' });
  const downMs = Date.now() - down;
  await waitFor(() => providers.every((p) => p.provider.synced), 30_000, 'resync');
  // Stay a moment: a storm would show up as extra sockets or attempts after resync.
  await new Promise((r) => setTimeout(r, 1000));
  const sockets = app.websocketServer.clients.size;
  console.log(
    `restart: relay down ${downMs} ms; ${attempts} connection attempts for ${CLIENTS} clients; ${sockets} sockets after`,
  );
  expect(sockets).toBe(CLIENTS);
  expect(providers.every((p) => p.provider.wsconnected && p.provider.synced)).toBe(true);
  // Each client needs one attempt, a few more if it retried while the relay was down.
  expect(attempts).toBeLessThanOrEqual(CLIENTS * 3);
  providers[1]?.doc.getMap('m').set('after', 'restart');
  const peers = providers.filter((_, i) => i % 10 === 0);
  await waitFor(
    () => peers.every((p) => p.doc.getMap('m').get('before') === 'restart'),
    5000,
    'state from before the restart',
  );
});
