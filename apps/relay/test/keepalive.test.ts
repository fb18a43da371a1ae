/** Idle clients stay connected; vanished peers are found and their presence removed. */

import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MESSAGE } from '../src/protocol/messages.ts';
import {
  type Client,
  connect,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  waitFor,
} from './helpers.ts';

describe('keepalive and dead peers', () => {
  let relay: TestRelay | undefined;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await relay?.close();
    if (relay) removeDir(relay.dataDir);
    relay = undefined;
  });

  it('an idle client with no presence stays connected past the client’s 30 s watchdog', {
    timeout: 60_000,
  }, async () => {
    relay = await startRelay();
    const a = connect(relay, 'idle');
    clients.push(a);
    // No local awareness state: the client sends nothing on its own, so only the relay's
    // keepalive can reset its 30 s "no message received" watchdog.
    a.provider.awareness.setLocalState(null);
    await synced(a);
    const socket = a.provider.ws;
    let closes = 0;
    a.provider.on('connection-close', () => closes++);
    await new Promise((r) => setTimeout(r, 35_000));
    expect(closes).toBe(0);
    expect(a.provider.ws).toBe(socket);
    expect(a.provider.wsconnected).toBe(true);
    expect(Date.now() - a.provider.wsLastMessageReceived).toBeLessThan(15_000);
  });

  it('terminates a peer that stops answering pings and broadcasts its presence removal', async () => {
    relay = await startRelay({ keepaliveMs: 50, deadPeerMs: 300 });
    const b = connect(relay, 'dead');
    clients.push(b);
    await synced(b);
    // A raw peer that never pongs, announcing one awareness state.
    const ghost = new WebSocket(`${relay.ws}/dead`, { autoPong: false });
    await new Promise((r) => ghost.once('open', r));
    const ghostDoc = new Y.Doc();
    const aw = new Awareness(ghostDoc);
    aw.setLocalState({ user: 'ghost' });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(aw, [ghostDoc.clientID]));
    ghost.send(encoding.toUint8Array(e));
    await waitFor(
      () => b.provider.awareness.getStates().has(ghostDoc.clientID),
      2000,
      'ghost presence',
    );
    const closed = new Promise<number>((r) => ghost.once('close', (code) => r(code)));
    await waitFor(
      () => !b.provider.awareness.getStates().has(ghostDoc.clientID),
      3000,
      'ghost removal',
    );
    expect(await closed).toBe(1006);
    // The live client answered its pings and is still there.
    expect(b.provider.wsconnected).toBe(true);
    aw.destroy();
    ghostDoc.destroy();
  });
});
