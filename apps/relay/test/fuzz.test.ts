/**
 * Fuzzes the relay over real sockets with random and mutated y-websocket frames. Each frame is
 * followed by a query-awareness probe, and the socket's answer (a reply, or a close) proves the
 * relay handled it; closed sockets are replaced. Afterwards the relay must be alive, a stock
 * client must sync, and a board nobody fuzzed must be byte-for-byte what it was.
 */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MESSAGE, SYNC } from '../src/protocol/messages.ts';
import { connect, removeDir, startRelay, synced, type TestRelay, waitFor } from './helpers.ts';

const FRAMES = Number(process.env.CAUSEWAY_FUZZ_FRAMES ?? 10_000);
const SOCKETS = 8;

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay({ socketMessagesPerSecond: 1e6, socketMessageBurst: 1e6 });
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dataDir);
});

function seedFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'fuzz');
  doc.getArray('a').insert(0, [1, 'two', { three: 3 }]);
  doc.getText('t').insert(0, 'hello');
  doc.getText('t').delete(1, 2);
  const frame = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    write(e);
    return encoding.toUint8Array(e);
  };
  const sync = (kind: number, payload: Uint8Array) =>
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, kind);
      encoding.writeVarUint8Array(e, payload);
    });
  const aw = new Awareness(doc);
  aw.setLocalState({ user: { name: 'fuzz', color: '#f00' }, cursor: { x: 1, y: 2 } });
  const awareness = frame((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(aw, [doc.clientID]));
  });
  aw.destroy();
  return [
    sync(SYNC.step1, Y.encodeStateVector(doc)),
    sync(SYNC.step2, Y.encodeStateAsUpdate(doc)),
    sync(SYNC.update, Y.encodeStateAsUpdate(doc)),
    sync(SYNC.update, Y.encodeStateAsUpdateV2(doc)),
    awareness,
    new Uint8Array([MESSAGE.queryAwareness]),
  ];
}

/** Random bytes, or a seed frame flipped, truncated, extended with varint continuation bytes or spliced. */
function frameArbitrary(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const seed = fc.constantFrom(...seeds);
  const flip = fc.tuple(seed, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([s, i, x]) => {
    const out = s.slice();
    if (out.length > 0) out[i % out.length] = (out[i % out.length] as number) ^ x;
    return out;
  });
  const truncate = fc.tuple(seed, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1)));
  const extendVarint = fc
    .tuple(seed, fc.nat(), fc.integer({ min: 1, max: 12 }))
    .map(([s, i, n]) => {
      const at = i % (s.length + 1);
      return Uint8Array.from([...s.slice(0, at), ...new Array(n).fill(0xff), ...s.slice(at)]);
    });
  const splice = fc
    .tuple(seed, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))
    .map(([s, i, bytes]) => {
      const at = i % (s.length + 1);
      return Uint8Array.from([...s.slice(0, at), ...bytes, ...s.slice(at)]);
    });
  const random = fc.uint8Array({ maxLength: 64 });
  const typed = fc
    .tuple(
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 0, max: 3 }),
      fc.uint8Array({ maxLength: 48 }),
    )
    .map(([t, k, rest]) => Uint8Array.from([t, k, ...rest]));
  return fc.oneof(flip, truncate, extendVarint, splice, random, typed, seed);
}

function open(room: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${relay.ws}/${room}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends `frame` then a probe; resolves 'alive' on any reply, 'closed' when the relay closed. */
const closeCodes = new Map<number, number>();

function exchange(ws: WebSocket, frame: Uint8Array): Promise<'alive' | 'closed'> {
  return new Promise((resolve) => {
    const onMessage = () => done('alive');
    const onClose = (code: number) => {
      closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
      done('closed');
    };
    const done = (v: 'alive' | 'closed') => {
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(v);
    };
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.send(frame);
    ws.send(new Uint8Array([MESSAGE.queryAwareness]));
  });
}

it(`survives ${FRAMES} random and mutated frames; a stock client still syncs; other boards intact`, {
  timeout: 120_000,
}, async () => {
  const victim = connect(relay, 'victim');
  await synced(victim);
  victim.doc.getMap('meta').set('title', 'untouched');
  victim.doc.getArray('a').insert(0, ['x', 'y']);
  await waitFor(() => relay.app.rooms.get('victim')?.doc.getArray('a').length === 2);
  victim.destroy();
  await relay.app.rooms.idle();
  const victimBefore = Y.mergeUpdates([...(await relay.app.storage.loadLog('victim')).updates]);

  const frames = fc.sample(frameArbitrary(seedFrames()), { numRuns: FRAMES, seed: Date.now() });
  let handled = 0;
  let closes = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: SOCKETS }, async () => {
      let ws = await open('fuzz');
      while (next < frames.length) {
        const frame = frames[next++] as Uint8Array;
        const outcome = await exchange(ws, frame);
        handled++;
        if (outcome === 'closed') {
          closes++;
          ws = await open('fuzz');
        }
      }
      ws.close();
    }),
  );
  console.log(`fuzz: ${handled} frames handled, ${closes} sockets closed by the relay`);
  console.log('fuzz close codes:', Object.fromEntries(closeCodes));
  expect(handled).toBe(FRAMES);
  // Every refusal is a deliberate 4xxx with a reason, never a crash (1006) or a server error (1011).
  for (const code of closeCodes.keys()) expect(code >= 4400 && code < 4500).toBe(true);

  expect((await fetch(`${relay.http}/healthz`)).status).toBe(200);
  const a = connect(relay, 'fuzz');
  const b = connect(relay, 'fuzz');
  await Promise.all([synced(a), synced(b)]);
  a.doc.getMap('check').set('after', 'fuzz');
  await waitFor(() => b.doc.getMap('check').get('after') === 'fuzz', 3000, 'sync after fuzz');
  a.destroy();
  b.destroy();
  await relay.app.rooms.idle();
  const victimAfter = Y.mergeUpdates([...(await relay.app.storage.loadLog('victim')).updates]);
  expect(Buffer.from(victimAfter).equals(Buffer.from(victimBefore))).toBe(true);
});
