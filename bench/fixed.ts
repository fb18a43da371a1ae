/**
 * `pnpm tsx bench/fixed.ts [updates] [observers] [perTurn]`: the relay's fixed cost per update, in one
 * process and without the network: a real app (storage, audit, limits, metrics), stub sockets
 * whose writes go nowhere, one writer sending small updates through the socket handler. CPU µs
 * per update, and where it goes (Yjs apply, storage, the rest), on a shared machine far steadier
 * than the fan-out bench, whose N = 1 run mostly measures waking the observer's process.
 * BENCH_PROFILE=<file>: a V8 CPU profile of the measured run alone (read it with bench/profile.ts's
 * tables or Chrome's DevTools).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { buildApp } from '../apps/relay/src/app.ts';
import { socketLimits } from '../apps/relay/src/limits/socketLimits.ts';
import { attachSocket } from '../apps/relay/src/rooms/session.ts';
import { sleep } from './stats.ts';

const updates = Number(process.argv[2] ?? 5000);
const observers = Number(process.argv[3] ?? 0);
const perTurn = Number(process.argv[4] ?? 1);

/** A socket that accepts every write and sends nothing back. */
class StubSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  writes = 0;
  readonly _socket = {
    write: () => {
      this.writes++;
      return true;
    },
  };
  readonly _sender = { _state: 0, _bufferedBytes: 0 };
  send(_data: unknown, cb?: (err?: Error) => void) {
    this.writes++;
    cb?.();
  }
  ping() {}
  close() {}
  terminate() {}
}

const dataDir = mkdtempSync(join(tmpdir(), 'causeway-fixed-'));
const app = await buildApp({ logLevel: 'silent', dataDir, webDist: join(dataDir, 'no-web') });
const attach = (room: string) => {
  const s = new StubSocket();
  attachSocket(app.rooms, room, s as unknown as WebSocket, app.log, {
    ...socketLimits({ socketMessagesPerSecond: 1e9, socketMessageBurst: 1e9 }, app.boardSize),
  });
  return s;
};
const frame = (u: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, u);
  return Buffer.from(encoding.toUint8Array(e));
};
/**
 * `n` updates as the fan-out bench's writers make them (one array push each), `perTurn` writers
 * taking turns; built before the clock starts, so only the relay's work is measured.
 */
const prepare = (n: number) => {
  const docs = Array.from({ length: perTurn }, () => new Y.Doc());
  return Array.from({ length: n }, (_, i) => {
    const doc = docs[i % perTurn] as Y.Doc;
    let last: Uint8Array = new Uint8Array();
    const keep = (u: Uint8Array) => {
      last = u;
    };
    doc.on('update', keep);
    doc.getArray<number>('a').push([i]);
    doc.off('update', keep);
    return frame(last);
  });
};
/** Sends `frames` into a fresh room, `perTurn` (one per writer socket) per event-loop turn. */
const run = async (room: string, frames: readonly Buffer[]) => {
  const writers = Array.from({ length: perTurn }, () => attach(room));
  const obs = Array.from({ length: observers }, () => attach(room));
  const live = app.rooms.get(room);
  await live?.ready;
  for (let i = 0; i < frames.length; i += perTurn) {
    for (let w = 0; w < perTurn && i + w < frames.length; w++)
      (writers[w] as StubSocket).emit('message', frames[i + w], true);
    // One batch per turn, as in the closed loop (perTurn 1): let the flush run.
    await new Promise((r) => setImmediate(r));
    await live?.flushed();
  }
  return obs.reduce((s, o) => s + o.writes, 0);
};
await run('warm', prepare(5000)); // V8 optimises the per-update path only after thousands of updates
await sleep(200);
const profileFile = process.env.BENCH_PROFILE;
const profiler = new Session();
if (profileFile) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
  await profiler.post('Profiler.start');
}
const measured = prepare(updates);
const c0 = process.cpuUsage();
const t0 = performance.now();
const writes = await run('fixed', measured);
const c = process.cpuUsage(c0);
const wall = performance.now() - t0;
if (profileFile) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
  profiler.disconnect();
}
console.log(
  `${updates} updates, ${observers} observers, ${perTurn} per turn: ${((c.user + c.system) / updates).toFixed(1)} µs CPU per update (user ${(c.user / updates).toFixed(1)}, system ${(c.system / updates).toFixed(1)}), ${((wall * 1000) / updates).toFixed(1)} µs wall; ${writes} writes to observers`,
);
if (process.env.BENCH_SHOW_WAL) {
  const { readdirSync, statSync } = await import('node:fs');
  for (const f of readdirSync(dataDir)) console.log(f, statSync(join(dataDir, f)).size);
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
