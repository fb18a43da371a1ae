/**
 * One relay under test, as its own process so its CPU is measured alone (process.cpuUsage).
 * argv: peer name. env: PORT plus the peer's own settings. Answers IPC: stats, gc, stop.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';

type Peer = 'causeway' | 'ywebsocket' | 'hocuspocus' | 'floor';
const peer = process.argv[2] as Peer;
const port = Number(process.env.PORT);

/** The pass-through floor: each frame goes to the room's other sockets, no Yjs work at all. */
function startFloor(): Promise<() => Promise<void>> {
  const wss = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
  const rooms = new Map<string, Set<import('ws').WebSocket>>();
  wss.on('connection', (ws, req) => {
    const name = req.url ?? '/';
    let room = rooms.get(name);
    if (!room) {
      room = new Set();
      rooms.set(name, room);
    }
    const peers = room;
    peers.add(ws);
    ws.on('message', (data, isBinary) => {
      for (const other of peers) if (other !== ws) other.send(data, { binary: isBinary });
    });
    ws.on('close', () => peers.delete(ws));
  });
  return new Promise((resolve) =>
    wss.once('listening', () => resolve(() => new Promise((r) => wss.close(() => r())))),
  );
}

async function startYWebsocket(): Promise<() => Promise<void>> {
  const { setupWSConnection } = (await import('@y/websocket-server/utils')) as {
    setupWSConnection: (ws: unknown, req: unknown, opts?: { gc?: boolean }) => void;
  };
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req, { gc: true }));
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', () => r()));
  return () => new Promise((r) => http.close(() => r()));
}

async function startHocuspocus(): Promise<() => Promise<void>> {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({ port, address: '127.0.0.1', quiet: true });
  await server.listen();
  return () => server.destroy();
}

async function startCauseway(): Promise<() => Promise<void>> {
  // BENCH_CAUSEWAY_ROOT: another checkout's relay (bench/proc.ts `startNamed('base')`).
  const root = process.env.BENCH_CAUSEWAY_ROOT;
  const { buildApp } = (await import(
    root ? join(root, 'apps/relay/src/app.ts') : '../apps/relay/src/app.ts'
  )) as typeof import('../apps/relay/src/app.ts');
  const dataDir = process.env.CAUSEWAY_DATA ?? mkdtempSync(join(tmpdir(), 'causeway-bench-'));
  const app = await buildApp({
    logLevel: 'silent',
    dataDir,
    webDist: process.env.CAUSEWAY_WEB_DIST ?? join(dataDir, 'no-web'),
    // The bench's writers are load generators, not people: the per-socket rate limit (which the
    // peers do not have) would close them in the open loop.
    socketMessagesPerSecond: 1_000_000,
    socketMessageBurst: 1_000_000,
    storageBackend: process.env.CAUSEWAY_STORAGE === 'postgres' ? 'postgres' : 'sqlite',
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    ...(process.env.CAUSEWAY_COMPACT_AFTER
      ? { compactAfter: Number(process.env.CAUSEWAY_COMPACT_AFTER) }
      : {}),
  });
  await app.listen({ port, host: '127.0.0.1' });
  (globalThis as { roomCount?: () => number }).roomCount = () => app.rooms.size;
  return () => app.close();
}

const starters: Record<Peer, () => Promise<() => Promise<void>>> = {
  floor: startFloor,
  ywebsocket: startYWebsocket,
  hocuspocus: startHocuspocus,
  causeway: startCauseway,
};

const stop = await starters[peer]();
/** `bench/profile.ts` samples only the measured window, not startup. */
const profiler = new Session();
process.on('message', async (msg: { cmd: string; id: number }) => {
  const reply = (body: object) => process.send?.({ id: msg.id, ...body });
  if (msg.cmd === 'stats') {
    const rooms = (globalThis as { roomCount?: () => number }).roomCount?.();
    reply({ cpu: process.cpuUsage(), mem: process.memoryUsage(), rooms });
  } else if (msg.cmd === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 50));
    (globalThis as { gc?: () => void }).gc?.();
    reply({ mem: process.memoryUsage() });
  } else if (msg.cmd === 'profile-start') {
    await profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
    reply({});
  } else if (msg.cmd.startsWith('profile-stop:')) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(msg.cmd.slice('profile-stop:'.length), JSON.stringify(profile));
    profiler.disconnect();
    reply({});
  } else if (msg.cmd === 'stop') {
    await stop().catch(() => {});
    reply({});
    process.exit(0);
  }
});
// The bench driver died: do not linger.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
