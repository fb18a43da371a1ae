/** A real relay on port 0 with a temp data dir, and stock y-websocket clients against it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { buildApp } from '../src/app.ts';
import type { RelayConfig } from '../src/config.ts';

export interface TestRelay {
  readonly app: FastifyInstance;
  readonly dataDir: string;
  readonly http: string;
  readonly ws: string;
  close(): Promise<void>;
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'causeway-relay-'));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** Builds and listens; `dataDir` is reused when given (restart tests). */
export async function startRelay(opts: Partial<RelayConfig> = {}): Promise<TestRelay> {
  const dataDir = opts.dataDir ?? tempDir();
  const app = await buildApp({
    logLevel: 'silent',
    webDist: join(dataDir, 'no-web'),
    ...opts,
    dataDir,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return {
    app,
    dataDir,
    http: `http://127.0.0.1:${addr.port}`,
    ws: `ws://127.0.0.1:${addr.port}/sync`,
    close: () => app.close(),
  };
}

export interface Client {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  destroy(): void;
}

/** A stock WebsocketProvider; BroadcastChannel off so sync must go through the relay. */
export function connect(relay: TestRelay, room: string, token?: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(relay.ws, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    ...(token ? { params: { token } } : {}),
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(
  check: () => boolean,
  timeoutMs = 3000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const synced = (c: Client, timeoutMs = 3000) =>
  waitFor(() => c.provider.synced, timeoutMs, 'sync');

/** A raw ws client, for frames the stock provider would never send. */
export async function rawSocket(
  relay: TestRelay,
  room: string,
  token?: string,
): Promise<WebSocket> {
  const ws = new WebSocket(`${relay.ws}/${room}${token ? `?token=${token}` : ''}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

/** A secret long enough for the relay's 32-byte minimum. */
export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

/** Creates a board over REST; returns its id and (auth on) the creator's facilitator token. */
export async function createBoard(
  relay: TestRelay,
  title = 'Board',
): Promise<{ room: string; token: string | undefined }> {
  const res = await fetch(`${relay.http}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, incidentId: 'INC-1', severity: 'SEV2', creator: 'Fran' }),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { room: string; token: string | undefined };
}

/** Mints an invite over REST with a facilitator token. */
export async function invite(
  relay: TestRelay,
  room: string,
  facilitator: string,
  role: string,
  subject: string,
): Promise<{ id: string; token: string }> {
  const res = await fetch(`${relay.http}/api/rooms/${room}/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitator}` },
    body: JSON.stringify({ role, subject }),
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; token: string };
}
