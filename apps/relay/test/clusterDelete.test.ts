/**
 * Deleting a board on one relay deletes it on every relay sharing it through Redis: their
 * sockets close 4410 and their unload sweeps storage instead of writing the board back.
 */
import { afterEach, expect, it } from 'vitest';
import { CLOSE } from '../src/errors.ts';
import { PostgresStorage } from '../src/storage/postgres.ts';
import {
  type Client,
  connect,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  waitFor,
} from './helpers.ts';
import {
  describeWith,
  dropSchema,
  freshSchema,
  PG_URL,
  POSTGRES,
  REDIS,
  REDIS_URL,
} from './services.ts';

await describeWith([POSTGRES, REDIS], 'deleting a board shared by two relays', () => {
  let schema = '';
  const relays: TestRelay[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const r of relays.splice(0)) {
      await r.close();
      removeDir(r.dataDir);
    }
    if (schema) await dropSchema(schema);
  });

  const relayOn = async () => {
    const storage = await PostgresStorage.open({ connectionString: PG_URL, schema });
    const r = await startRelay({ storage, redisUrl: REDIS_URL });
    relays.push(r);
    return r;
  };
  /** A client that records close codes and stops reconnecting once its board is deleted. */
  const client = (r: TestRelay, room: string) => {
    const c = connect(r, room);
    const codes: number[] = [];
    c.provider.on('connection-close', (ev) => {
      codes.push(ev?.code ?? 0);
      if (ev?.code === CLOSE.boardDeleted) c.provider.disconnect();
    });
    clients.push(c);
    return { c, codes };
  };

  it('sockets on the other relay close 4410 and the board does not come back from it', async () => {
    schema = freshSchema('cw_delete');
    const a = await relayOn();
    const b = await relayOn();
    const room = `gone-${Date.now()}`;
    const onA = client(a, room);
    const onB = client(b, room);
    await Promise.all([synced(onA.c), synced(onB.c)]);
    onA.c.doc.getMap('m').set('secret', 'evidence');
    await waitFor(() => onB.c.doc.getMap('m').get('secret') === 'evidence', 5000, 'relay B');

    const res = await a.app.inject({ method: 'DELETE', url: `/api/rooms/${room}` });
    expect(res.statusCode).toBe(204);
    await waitFor(() => onB.codes.includes(CLOSE.boardDeleted), 5000, 'B client closed 4410');
    expect(onA.codes).toContain(CLOSE.boardDeleted);
    await waitFor(() => b.app.rooms.get(room) === undefined, 5000, 'B unloads the room');
    await b.app.rooms.idle();
    await a.app.rooms.idle();
    expect(await a.app.storage.hasRoom(room)).toBe(false);
    expect(await b.app.storage.hasRoom(room)).toBe(false);
  });
});
