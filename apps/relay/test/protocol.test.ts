/** Bad frames close only the sender's socket; everyone else keeps syncing. */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../src/errors.ts';
import { MESSAGE, SYNC } from '../src/protocol/messages.ts';
import {
  type Client,
  closed,
  connect,
  rawSocket,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  waitFor,
} from './helpers.ts';

const syncFrame = (kind: number, payload: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, kind);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
};

describe('malformed frames', () => {
  let relay: TestRelay;
  let a: Client;
  let b: Client;
  beforeAll(async () => {
    relay = await startRelay({ maxFrameBytes: 64 * 1024 });
    a = connect(relay, 'bad');
    b = connect(relay, 'bad');
    await Promise.all([synced(a), synced(b)]);
  });
  afterAll(async () => {
    a.destroy();
    b.destroy();
    await relay.close();
    removeDir(relay.dataDir);
  });

  /** Sends `frame` from a raw socket, checks its close, then that a and b still sync. */
  async function expectRejected(frame: Uint8Array | string, code: number, reason: RegExp) {
    const ws = await rawSocket(relay, 'bad');
    const done = closed(ws);
    ws.send(frame);
    const got = await done;
    expect(got.code).toBe(code);
    expect(got.reason).toMatch(reason);
    const marker = `${Math.random()}`;
    a.doc.getMap('m').set('marker', marker);
    await waitFor(() => b.doc.getMap('m').get('marker') === marker, 2000, 'b to keep syncing');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  }

  it('text frame → 4400', () =>
    expectRejected('hello', CLOSE.malformedFrame, /^malformed frame: text frames/));

  it('truncated varint → 4400', () =>
    expectRejected(new Uint8Array([0x80]), CLOSE.malformedFrame, /^malformed frame: /));

  it('empty frame → 4400', () =>
    expectRejected(new Uint8Array([]), CLOSE.malformedFrame, /^malformed frame: /));

  it('unknown message type → 4400', () =>
    expectRejected(new Uint8Array([7, 1, 2]), CLOSE.malformedFrame, /unknown message type 7/));

  it('unknown sync sub-type → 4400', () =>
    expectRejected(
      new Uint8Array([MESSAGE.sync, 9, 0]),
      CLOSE.malformedFrame,
      /^malformed frame: /,
    ));

  it('truncated sync payload → 4400', () =>
    expectRejected(
      new Uint8Array([MESSAGE.sync, SYNC.update, 50, 1, 2]),
      CLOSE.malformedFrame,
      /^malformed frame: /,
    ));

  it('garbage Yjs update → 4400 and the room doc is untouched', async () => {
    const before = Y.encodeStateVector(relay.app.rooms.get('bad')?.doc ?? new Y.Doc());
    const garbage = new Uint8Array([5, 200, 1, 0xff, 0xff, 0xff, 0x7f, 9, 9, 9]);
    await expectRejected(syncFrame(SYNC.update, garbage), CLOSE.malformedFrame, /bad Yjs update/);
    await expectRejected(syncFrame(SYNC.step2, garbage), CLOSE.malformedFrame, /bad Yjs update/);
    const doc = relay.app.rooms.get('bad')?.doc;
    const vec = Y.decodeStateVector(Y.encodeStateVector(doc ?? new Y.Doc()));
    // Only a's marker writes moved the state vector.
    for (const client of vec.keys())
      expect(client === a.doc.clientID || Y.decodeStateVector(before).has(client)).toBe(true);
  });

  it('garbage awareness update → 4400', () =>
    expectRejected(
      new Uint8Array([MESSAGE.awareness, 3, 1, 1, 1]),
      CLOSE.malformedFrame,
      /^malformed frame: /,
    ));

  it('auth message from a client → 4400', () =>
    expectRejected(
      new Uint8Array([MESSAGE.auth, 0]),
      CLOSE.malformedFrame,
      /unknown message type 2/,
    ));

  // ws sends this close frame itself, before any handler runs, with an empty reason.
  it('frame over maxFrameBytes → 1009', () =>
    expectRejected(syncFrame(SYNC.update, new Uint8Array(100 * 1024)), CLOSE.tooBig, /^$/));

  it('invalid room id → 4404 with a reason', async () => {
    for (const room of ['x'.repeat(65), 'x'.repeat(500), 'bad.room', '%20']) {
      const ws = await rawSocket(relay, room);
      const got = await closed(ws);
      expect(got.code).toBe(CLOSE.invalidRoom);
      expect(got.reason).toMatch(/invalid room id/);
    }
  });
});
