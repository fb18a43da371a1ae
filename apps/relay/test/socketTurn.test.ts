/**
 * Socket updates of one event-loop turn are applied in one Yjs transaction. What each socket
 * sent must still be checked, audited and refused on its own: stub sockets deliver frames
 * synchronously, so every frame below lands in the same turn.
 */
import { EventEmitter } from 'node:events';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Access } from '../src/auth/roles.ts';
import { CLOSE } from '../src/errors.ts';
import { MAX_NESTING, readFrame, type UpdateQueue } from '../src/protocol/handlers.ts';
import { MESSAGE, SYNC } from '../src/protocol/messages.ts';
import { attachSocket } from '../src/rooms/session.ts';
import { removeDir, startRelay, type TestRelay, waitFor } from './helpers.ts';

let relay: TestRelay | undefined;
afterEach(async () => {
  await relay?.close();
  if (relay) removeDir(relay.dataDir);
  relay = undefined;
});

/** A socket whose frames the test pushes in and whose writes it records. */
class StubSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly received: Uint8Array[] = [];
  closedWith: number | null = null;
  readonly _socket = { write: (wire: Uint8Array) => this.received.push(wire) };
  readonly _sender = { _state: 0, _bufferedBytes: 0 };
  send(data: Uint8Array, cb?: (err?: Error) => void) {
    this.received.push(data);
    cb?.();
  }
  ping() {}
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  terminate() {
    this.readyState = 3;
  }
}

const updateFrame = (update: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC.update);
  encoding.writeVarUint8Array(e, update);
  return Buffer.from(encoding.toUint8Array(e));
};

/** Lets the turn's queue apply (setImmediate), then waits until its batch is stored and sent. */
const settled = async (room: { flushed(): Promise<void> } | undefined) => {
  await new Promise((r) => setImmediate(r));
  await room?.flushed();
};

/** The update `change` makes on `doc`. */
const updateOf = (doc: Y.Doc, change: () => void) => {
  let out: Uint8Array = new Uint8Array();
  const keep = (u: Uint8Array) => {
    out = u;
  };
  doc.on('update', keep);
  change();
  doc.off('update', keep);
  return out;
};

const access = (subject: string): Access => ({
  role: 'editor',
  subject,
  inviteId: null,
  room: null,
});

it('one transaction for the turn, yet one audit entry per update with its own socket and areas', async () => {
  relay = await startRelay();
  const app = relay.app;
  const attach = (subject: string) => {
    const s = new StubSocket();
    attachSocket(app.rooms, 'turn', s as unknown as WebSocket, app.log, {
      access: access(subject),
    });
    return s;
  };
  const ann = attach('Ann');
  const bob = attach('Bob');
  const room = app.rooms.get('turn');
  await room?.ready;
  let events = 0;
  room?.doc.on('update', () => events++);

  const annDoc = new Y.Doc();
  const bobDoc = new Y.Doc();
  const meta = updateOf(annDoc, () => annDoc.getMap('meta').set('title', 'by Ann'));
  const event = updateOf(bobDoc, () => bobDoc.getMap('events').set('e1', 'by Bob'));
  const before = ann.received.length;
  ann.emit('message', updateFrame(meta), true);
  bob.emit('message', updateFrame(event), true);
  await settled(room);

  expect(events).toBe(1);
  const entries = await app.audit.list('turn', 10);
  expect(entries.map((e) => [e.subject, e.areas, e.clients])).toEqual([
    ['Bob', ['timeline'], [bobDoc.clientID]],
    ['Ann', ['meta'], [annDoc.clientID]],
  ]);
  // Both sent part of the turn: both get its frame (Ann needs Bob's update).
  expect(ann.received.length).toBe(before + 1);
  expect(bob.received.length).toBeGreaterThan(0);
  const stored = new Y.Doc();
  for (const u of (await app.storage.loadLog('turn')).updates) Y.applyUpdate(stored, u);
  expect(stored.getMap('meta').get('title')).toBe('by Ann');
  expect(stored.getMap('events').get('e1')).toBe('by Bob');
});

it('a socket that sent the whole batch is not sent its own update back', async () => {
  relay = await startRelay();
  const app = relay.app;
  const writer = new StubSocket();
  const watcher = new StubSocket();
  for (const s of [writer, watcher])
    attachSocket(app.rooms, 'solo', s as unknown as WebSocket, app.log);
  const room = app.rooms.get('solo');
  await room?.ready;
  const doc = new Y.Doc();
  const before = { writer: writer.received.length, watcher: watcher.received.length };
  writer.emit('message', updateFrame(updateOf(doc, () => doc.getMap('m').set('a', 1))), true);
  writer.emit('message', updateFrame(updateOf(doc, () => doc.getMap('m').set('b', 2))), true);
  await settled(room);
  expect(watcher.received.length).toBe(before.watcher + 1);
  expect(writer.received.length).toBe(before.writer);
});

it('a bad frame in a turn closes its socket only; the others of the turn apply', async () => {
  relay = await startRelay();
  const app = relay.app;
  const good = new StubSocket();
  const bad = new StubSocket();
  for (const s of [good, bad]) attachSocket(app.rooms, 'bad', s as unknown as WebSocket, app.log);
  const room = app.rooms.get('bad');
  await room?.ready;
  const doc = new Y.Doc();
  good.emit('message', updateFrame(updateOf(doc, () => doc.getMap('m').set('ok', 1))), true);
  bad.emit('message', updateFrame(Uint8Array.of(1, 2, 3, 250)), true);
  await settled(room);
  expect(bad.closedWith).toBe(CLOSE.malformedFrame);
  expect(good.closedWith).toBeNull();
  await waitFor(() => room?.doc.getMap('m').get('ok') === 1, 2000, 'good update applied');
});

/** A queue as the room keeps it, applying to `doc` only when settled. */
function queueFor(doc: Y.Doc): UpdateQueue & { settles: number } {
  const queued: Uint8Array[] = [];
  let depth = 0;
  return {
    settles: 0,
    get depth() {
      return depth;
    },
    add(update, _decoded, d) {
      queued.push(update);
      depth = Math.max(depth, d);
    },
    settle() {
      this.settles++;
      if (queued.length === 0) return false;
      doc.transact(() => {
        for (const u of queued.splice(0)) Y.applyUpdate(doc, u);
      });
      depth = 0;
      return true;
    },
  };
}

/** A chain of `levels` nested maps under `parent`, as its own update. */
function nest(doc: Y.Doc, parent: Y.Map<unknown>, levels: number): [Uint8Array, Y.Map<unknown>] {
  let map = parent;
  const update = updateOf(doc, () =>
    doc.transact(() => {
      for (let i = 0; i < levels; i++) {
        const child = new Y.Map<unknown>();
        map.set('a', child);
        map = child;
      }
    }),
  );
  return [update, map];
}

it('nesting split over queued frames counts the queue: past the limit it applies the queue and refuses', () => {
  const room = new Y.Doc();
  const queue = queueFor(room);
  const ctx = {
    doc: room,
    awareness: new awarenessProtocol.Awareness(room),
    origin: null,
    queue,
  };
  const author = new Y.Doc();
  const half = Math.floor(MAX_NESTING / 2) - 2;
  const [first, end] = nest(author, author.getMap('deep'), half);
  const [second, deeper] = nest(author, end, half);
  readFrame(ctx, updateFrame(first));
  readFrame(ctx, updateFrame(second));
  // Two halves fit under the limit together: queued, nothing applied yet.
  expect(queue.settles).toBe(0);
  expect(room.getMap('deep').size).toBe(0);
  const [third] = nest(author, deeper, half);
  expect(() => readFrame(ctx, updateFrame(third))).toThrow(/nested deeper/);
  expect(queue.settles).toBe(1);
  // The halves before it were fine and did apply.
  expect(room.getMap('deep').size).toBe(1);
});

it('a sync step 1 is answered with the socket’s queued updates applied', () => {
  const room = new Y.Doc();
  const queue = queueFor(room);
  const ctx = { doc: room, awareness: new awarenessProtocol.Awareness(room), origin: null, queue };
  const author = new Y.Doc();
  readFrame(ctx, updateFrame(updateOf(author, () => author.getMap('m').set('k', 1))));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC.step1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  const reply = readFrame(ctx, encoding.toUint8Array(e));
  const d = decoding.createDecoder(reply ?? new Uint8Array());
  expect(decoding.readVarUint(d)).toBe(MESSAGE.sync);
  expect(decoding.readVarUint(d)).toBe(SYNC.step2);
  const got = new Y.Doc();
  Y.applyUpdate(got, decoding.readVarUint8Array(d));
  expect(got.getMap('m').get('k')).toBe(1);
});
