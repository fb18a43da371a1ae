/** Output routes read a room that is open from its live doc, and one nobody has open from storage. */
import { addEvent } from '@causeway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, removeDir, startRelay, synced, type TestRelay, waitFor } from './helpers.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dataDir);
});

describe('readBoardState', () => {
  it('a report of an open board shows a peer’s edit and leaves the room loaded', async () => {
    const res = await fetch(`${relay.http}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Live', incidentId: '', severity: 'SEV3' }),
    });
    const { room } = (await res.json()) as { room: string };
    const client = connect(relay, room);
    try {
      await synced(client);
      addEvent(client.doc, { time: '2024-05-01T10:00:00Z', description: 'typed a second ago' });
      await waitFor(
        () => relay.app.rooms.get(room)?.doc.getMap('events').size === 1,
        3000,
        'relay',
      );
      const md = await fetch(`${relay.http}/api/rooms/${room}/report.md`);
      expect(await md.text()).toContain('typed a second ago');
      expect(relay.app.rooms.get(room)?.holders).toBe(1);
    } finally {
      client.destroy();
    }
    await waitFor(() => relay.app.rooms.get(room) === undefined, 3000, 'room unload');
    await relay.app.rooms.idle();
    // Closed: read from storage, and the room is not loaded by the read.
    const again = await fetch(`${relay.http}/api/rooms/${room}/report.md`);
    expect(await again.text()).toContain('typed a second ago');
    expect(relay.app.rooms.get(room)).toBeUndefined();
  });
});
