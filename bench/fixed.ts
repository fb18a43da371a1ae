/**
 * `pnpm tsx bench/fixed.ts [updates] [observers]`: the relay's fixed cost per update, in one
 * process and without the network: a real app (storage, audit, limits, metrics), stub sockets
 * whose writes go nowhere, one writer sending small updates through the socket handler. CPU µs
 * per update, and where it goes (Yjs apply, storage, the rest), on a shared machine far steadier
 * than the fan-out bench, whose N = 1 run mostly measures waking the observer's process.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
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
/** `n` updates into a fresh room (as the fan-out bench's writer: one array push each). */
const run = async (room: string, n: number) => {
  const writer = attach(room);
  const obs = Array.from({ length: observers }, () => attach(room));
  const live = app.rooms.get(room);
  await live?.ready;
  const doc = new Y.Doc();
  const arr = doc.getArray<number>('a');
  let last: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => {
    last = u;
  });
  for (let i = 0; i < n; i++) {
    arr.push([i]);
    writer.emit('message', frame(last), true);
    // One update per batch, as in the closed loop: let the flush run.
    await new Promise((r) => setImmediate(r));
    await live?.flushed();
  }
  return obs.reduce((s, o) => s + o.writes, 0);
};
await run('warm', 5000); // V8 optimises the per-update path only after thousands of updates
await sleep(200);
const c0 = process.cpuUsage();
const t0 = performance.now();
const writes = await run('fixed', updates);
const c = process.cpuUsage(c0);
const wall = performance.now() - t0;
console.log(
  `${updates} updates, ${observers} observers: ${((c.user + c.system) / updates).toFixed(1)} µs CPU per update (user ${(c.user / updates).toFixed(1)}, system ${(c.system / updates).toFixed(1)}), ${((wall * 1000) / updates).toFixed(1)} µs wall; ${writes} writes to observers`,
);
if (process.env.BENCH_SHOW_WAL) {
  const { readdirSync, statSync } = await import('node:fs');
  for (const f of readdirSync(dataDir)) console.log(f, statSync(join(dataDir, f)).size);
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
