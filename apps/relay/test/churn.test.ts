/**
 * Opens and closes 5,000 rooms (normal ones, ones whose storage load fails, and sockets refused
 * by auth) and checks that every registry is empty afterwards and the heap is back near its
 * baseline, measured after forced garbage collections.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CLOSE } from '../src/errors.ts';
import { syncStep1Message, updateMessage } from '../src/protocol/messages.ts';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import type { Storage } from '../src/storage/storage.ts';
import { removeDir, startRelay, TEST_SECRET, type TestRelay, tempDir } from './helpers.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROOMS = 5_000;
const PARALLEL = 16;

/** Loading any room named `broken-*` fails, as a storage outage would. */
function failingLoads(inner: Storage): Storage {
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'loadLog')
        return async (room: string) => {
          if (room.startsWith('broken-')) throw new Error('disk on fire');
          return target.loadLog(room);
        };
      const v = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

let open: TestRelay;
let locked: TestRelay;
beforeAll(async () => {
  const dir = tempDir();
  open = await startRelay({
    dataDir: dir,
    storage: failingLoads(new SqliteStorage(sqliteFile(dir))),
    socketMessagesPerSecond: 1e6,
    socketMessageBurst: 1e6,
  });
  locked = await startRelay({ secret: TEST_SECRET });
});
afterAll(async () => {
  await open.close();
  await locked.close();
  removeDir(open.dataDir);
  removeDir(locked.dataDir);
});

const edit = (() => {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 'v');
  return updateMessage(Y.encodeStateAsUpdate(doc));
})();

/** One visit: connect, (maybe) write, wait for the relay's first answer or close, then leave. */
function visit(i: number): Promise<void> {
  const kind = i % 10 === 0 ? 'broken' : i % 10 === 1 ? 'unauthorised' : 'normal';
  const relay = kind === 'unauthorised' ? locked : open;
  const room = `${kind === 'broken' ? 'broken' : 'churn'}-${i}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${relay.ws}/${room}`);
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(syncStep1Message(new Y.Doc()));
      if (i % 5 === 2) ws.send(edit);
    });
    ws.once('message', () => ws.close());
    ws.once('close', (code) => {
      if (kind === 'broken' && code !== CLOSE.roomUnavailable) reject(new Error(`broken: ${code}`));
      else if (kind === 'unauthorised' && code !== CLOSE.unauthorized)
        reject(new Error(`unauthorised: ${code}`));
      else resolve();
    });
  });
}

async function churn(from: number, to: number): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < to) await visit(next++);
    }),
  );
  await open.app.rooms.idle();
  await locked.app.rooms.idle();
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().heapUsed;
}

const registriesEmpty = async () => {
  // Sockets close asynchronously on the server side after the client's close frame.
  for (
    let i = 0;
    i < 100 && (open.app.websocketServer.clients.size > 0 || open.app.rooms.size > 0);
    i++
  )
    await new Promise((r) => setTimeout(r, 20));
  return {
    rooms: open.app.rooms.size + locked.app.rooms.size,
    sockets: open.app.websocketServer.clients.size + locked.app.websocketServer.clients.size,
    tracked: open.app.auth.trackedSockets + locked.app.auth.trackedSockets,
  };
};

it(`frees every one of ${ROOMS} rooms, including failed loads and refused sockets`, {
  timeout: 120_000,
}, async () => {
  // Warm up so lazily built caches (JIT, ws, SQLite statements) are in the baseline.
  await churn(0, 300);
  const before = await settledHeap();
  await churn(300, 300 + ROOMS);
  expect(await registriesEmpty()).toEqual({ rooms: 0, sockets: 0, tracked: 0 });
  const after = await settledHeap();
  const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `churn: ${ROOMS} rooms; heapUsed before ${mib(before)} MiB, after ${mib(after)} MiB (Δ ${mib(after - before)} MiB)`,
  );
  // A leaked room costs a Y.Doc, an Awareness and its timer (~10+ KiB): 5,000 of them is ≫ 8 MiB.
  expect(after - before).toBeLessThan(8 * 1024 * 1024);
  expect(await open.app.storage.hasRoom('churn-302')).toBe(true);
});
