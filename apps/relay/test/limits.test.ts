/** Rate limits, size caps, pre-auth limits, headers, CORS and hostile import keys. */

import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Auth } from '../src/auth/auth.ts';
import { admitSocket, PREAUTH_MAX_FRAMES } from '../src/auth/socketGate.ts';
import { configFromEnv } from '../src/config.ts';
import { CLOSE } from '../src/errors.ts';
import { MESSAGE, SYNC } from '../src/protocol/messages.ts';
import {
  closed,
  connect,
  createBoard,
  rawSocket,
  removeDir,
  startRelay,
  synced,
  TEST_SECRET,
  type TestRelay,
  waitFor,
} from './helpers.ts';

let relay: TestRelay | undefined;
afterEach(async () => {
  await relay?.close();
  if (relay) removeDir(relay.dataDir);
  relay = undefined;
});

const updateFrame = (update: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC.update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};
const queryAwareness = new Uint8Array([MESSAGE.queryAwareness]);

describe('socket limits', () => {
  it('a socket over its message rate is closed 4429 with a reason; others carry on', async () => {
    relay = await startRelay({ socketMessagesPerSecond: 20, socketMessageBurst: 40 });
    const ok = connect(relay, 'rate');
    await synced(ok);
    const ws = await rawSocket(relay, 'rate');
    const done = closed(ws);
    for (let i = 0; i < 200; i++) ws.send(queryAwareness);
    const got = await done;
    expect(got.code).toBe(CLOSE.rateLimited);
    expect(got.reason).toMatch(/rate limit/);
    ok.doc.getMap('m').set('still', 'here');
    await waitFor(() => relay?.app.rooms.get('rate')?.doc.getMap('m').get('still') === 'here');
    ok.destroy();
  });

  it('an update that would pass the board size cap is refused 4413 and not stored', async () => {
    relay = await startRelay({ maxBoardBytes: 20_000 });
    const ws = await rawSocket(relay, 'big');
    const small = new Y.Doc();
    small.getMap('m').set('ok', 'x'.repeat(5_000));
    ws.send(updateFrame(Y.encodeStateAsUpdate(small)));
    await waitFor(() => relay?.app.rooms.get('big')?.doc.getMap('m').get('ok') !== undefined);
    const done = closed(ws);
    const big = new Y.Doc();
    big.getMap('m').set('huge', 'y'.repeat(30_000));
    ws.send(updateFrame(Y.encodeStateAsUpdate(big)));
    const got = await done;
    expect(got.code).toBe(CLOSE.boardTooLarge);
    expect(got.reason).toMatch(/board size limit/);
    await relay.app.rooms.idle();
    const log = await relay.app.storage.loadLog('big');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates([...log.updates]));
    expect(stored.getMap('m').get('ok')).toBe('x'.repeat(5_000));
    expect(stored.getMap('m').has('huge')).toBe(false);
  });

  it('rewriting a value does not count against the cap: the room is measured again first', async () => {
    relay = await startRelay({ maxBoardBytes: 20_000 });
    const ws = await rawSocket(relay, 'rewrite');
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => ws.send(updateFrame(u)));
    // Six versions of a 6,000-byte value: 36 kB of updates, but the board holds only one.
    for (let v = 0; v < 6; v++) {
      doc.getMap('m').set('notes', String(v).repeat(6_000));
      await waitFor(
        () =>
          relay?.app.rooms.get('rewrite')?.doc.getMap('m').get('notes') === String(v).repeat(6_000),
      );
    }
    expect(ws.readyState).toBe(ws.OPEN);
    // A board that really would pass the cap is still refused.
    const done = closed(ws);
    doc.getMap('m').set('more', 'z'.repeat(15_000));
    expect((await done).code).toBe(CLOSE.boardTooLarge);
    await relay.app.rooms.idle();
    const stored = new Y.Doc();
    Y.applyUpdate(
      stored,
      Y.mergeUpdates([...(await relay.app.storage.loadLog('rewrite')).updates]),
    );
    expect(stored.getMap('m').get('notes')).toBe('5'.repeat(6_000));
    expect(stored.getMap('m').has('more')).toBe(false);
  });

  it('while its token is checked, a socket may hold only a few frames; more closes it 4401', async () => {
    // A fake socket and an Auth whose check we release by hand, so the flood lands mid-check.
    let release: () => void = () => {};
    const auth = {
      authenticate: () =>
        new Promise((resolve) => {
          release = () => resolve({ role: 'editor', subject: 's', inviteId: 'i', room: 'r' });
        }),
    } as unknown as Auth;
    const quietLog = { error: () => {} } as unknown as FastifyBaseLogger;
    const socket = Object.assign(new EventEmitter(), {
      paused: false,
      closedWith: null as null | [number, string],
      pause() {
        this.paused = true;
      },
      resume() {
        this.paused = false;
      },
      close(code: number, reason: string) {
        this.closedWith = [code, reason];
      },
    });
    const polite = admitSocket(auth, socket as unknown as WebSocket, 'r', 't', quietLog);
    expect(socket.paused).toBe(true);
    socket.emit('message', Buffer.from([0, 0, 0]), true);
    release();
    const ok = await polite;
    expect(ok?.pending).toHaveLength(1);
    expect(socket.closedWith).toBeNull();

    const flood = admitSocket(auth, socket as unknown as WebSocket, 'r', 't', quietLog);
    for (let i = 0; i <= PREAUTH_MAX_FRAMES; i++) socket.emit('message', Buffer.from([3]), true);
    release();
    expect(await flood).toBeNull();
    expect(socket.closedWith?.[0]).toBe(CLOSE.unauthorized);
    expect(socket.closedWith?.[1]).toMatch(/before it was authorised/);
    expect(socket.listenerCount('message')).toBe(0);
    expect(socket.paused).toBe(false);
  });
});

describe('HTTP defences', () => {
  it('sends a strict CSP and security headers, no CORS unless configured, and refuses foreign origins', async () => {
    relay = await startRelay();
    const res = await fetch(`${relay.http}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const foreign = await fetch(`${relay.http}/api/rooms`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 't', incidentId: '', severity: 'SEV1' }),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await foreign.json()) as { error: string }).error).toBe('origin-not-allowed');
    // A request without Origin never shows CORS headers; a foreign preflight must not get them either.
    const preflight = await fetch(`${relay.http}/api/rooms`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CAUSEWAY_CORS_ORIGINS opens the API to the listed origins only', async () => {
    relay = await startRelay({ corsOrigins: ['https://tools.example'] });
    const pre = await fetch(`${relay.http}/api/rooms`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://tools.example',
        'access-control-request-method': 'POST',
      },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://tools.example');
    const otherPre = await fetch(`${relay.http}/api/rooms`, {
      method: 'OPTIONS',
      headers: { origin: 'https://other.example', 'access-control-request-method': 'POST' },
    });
    expect(otherPre.headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(`${relay.http}/healthz`, {
      headers: { origin: 'https://other.example' },
    });
    expect(res.status).toBe(403);
  });

  it('REST is rate limited per client with 429 rate-limited', async () => {
    relay = await startRelay({ restRequestsPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await fetch(`${relay.http}/api/rooms/nope/export`)).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    const last = await fetch(`${relay.http}/api/rooms/nope/export`);
    expect(last.status).toBe(429);
    expect(((await last.json()) as { error: string }).error).toBe('rate-limited');
    // The web app and health checks are not counted.
    expect((await fetch(`${relay.http}/healthz`)).status).toBe(200);
  });

  it('refused requests count against the REST budget too: a client without a valid token is cut off with 429', async () => {
    relay = await startRelay({ restRequestsPerMinute: 3, secret: TEST_SECRET });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await fetch(`${relay.http}/api/rooms/room_guess/audit`, {
            headers: { authorization: 'Bearer not-a-token' },
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('behind a trusted proxy (CAUSEWAY_TRUST_PROXY) the budget is per forwarded client, and forwarded hosts pass the origin check', async () => {
    relay = await startRelay({ restRequestsPerMinute: 3, trustProxy: ['127.0.0.1'] });
    const from = (client: string) =>
      fetch(`${relay?.http}/api/rooms/nope/export`, { headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.1')).status).toBe(404);
    expect((await from('203.0.113.1')).status).toBe(429);
    // Another person behind the same proxy still has their own budget.
    expect((await from('203.0.113.2')).status).toBe(404);
    // The proxy rewrote Host; the browser's origin matches the forwarded host.
    const viaProxy = await fetch(`${relay.http}/healthz`, {
      headers: { origin: 'https://causeway.example', 'x-forwarded-host': 'causeway.example' },
    });
    expect(viaProxy.status).toBe(200);
    const foreign = await fetch(`${relay.http}/healthz`, {
      headers: { origin: 'https://evil.example', 'x-forwarded-host': 'causeway.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('CAUSEWAY_TRUST_PROXY takes addresses and CIDRs; anything else stops the relay at start-up, naming the variable', () => {
    expect(configFromEnv({ CAUSEWAY_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual(
      ['10.0.0.5', '10.1.0.0/16', '::1'],
    );
    expect(configFromEnv({}).trustProxy).toEqual([]);
    for (const bad of ['true', 'nginx', '10.0.0.0/33', '10.0.0.1/8/1', '0.0.0.0/0', '::/0'])
      expect(() => configFromEnv({ CAUSEWAY_TRUST_PROXY: bad })).toThrow(
        /^CAUSEWAY_TRUST_PROXY lists proxy addresses or CIDRs/,
      );
  });

  it('without CAUSEWAY_TRUST_PROXY forwarding headers are ignored: forging X-Forwarded-For gains no budget', async () => {
    relay = await startRelay({ restRequestsPerMinute: 2 });
    const as = (client: string) =>
      fetch(`${relay?.http}/api/rooms/nope/export`, { headers: { 'x-forwarded-for': client } });
    expect([(await as('198.51.100.1')).status, (await as('198.51.100.2')).status]).toEqual([
      404, 404,
    ]);
    expect((await as('198.51.100.3')).status).toBe(429);
    const forgedHost = await fetch(`${relay.http}/healthz`, {
      headers: { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(forgedHost.status).toBe(403);
  });

  it('a JSON import ignores __proto__ and constructor keys (no prototype pollution)', async () => {
    relay = await startRelay();
    const { room } = await createBoard(relay);
    const body =
      '[{"time":"2024-01-01T00:00:00Z","description":"x","phase":"detection","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}]';
    const res = await fetch(`${relay.http}/api/rooms/${room}/timeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect([201, 400]).toContain(res.status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    const exp = await (await fetch(`${relay.http}/api/rooms/${room}/export`)).json();
    const text = JSON.stringify(exp);
    expect(text).not.toContain('polluted');
  });
});
