/**
 * Several relays sharing boards through Redis pub/sub and PostgreSQL, as separate processes with
 * stock y-websocket clients spread across them.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStorage } from '../src/storage/postgres.ts';
import {
  converged,
  killRelay,
  type RedisProcess,
  type RelayProcess,
  type RoamingClient,
  roamingClient,
  spawnRelay,
  startRedis,
  stopRelay,
} from './cluster.ts';
import { waitFor } from './helpers.ts';
import { freePort } from './process.ts';
import {
  describeWith,
  dropSchema,
  freshSchema,
  PG_URL,
  POSTGRES,
  REDIS,
  REDIS_URL,
} from './services.ts';

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const REDIS_SERVER = {
  name: 'redis-server binary',
  host: '127.0.0.1',
  port: hasRedisServer ? 6379 : 1,
};

/** The board as PostgreSQL holds it. */
async function storedMap(schema: string, room: string): Promise<Record<string, unknown>> {
  const storage = await PostgresStorage.open({ connectionString: PG_URL, schema });
  try {
    const log = await storage.loadLog(room);
    const doc = new Y.Doc();
    if (log.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates([...log.updates]));
    return doc.getMap('m').toJSON();
  } finally {
    await storage.close();
  }
}

await describeWith(
  [POSTGRES, REDIS, REDIS_SERVER],
  'three relays over Redis and PostgreSQL',
  () => {
    let schema = '';
    let relays: RelayProcess[] = [];
    let clients: RoamingClient[] = [];
    let redis: RedisProcess | undefined;

    const start = async (redisUrl: string) => {
      schema = freshSchema('cw_cluster');
      // Create the tables once so the relays, which share the schema, do not race to do it.
      await (await PostgresStorage.open({ connectionString: PG_URL, schema })).close();
      const env = {
        CAUSEWAY_STORAGE: 'postgres',
        DATABASE_URL: `${PG_URL}?options=-c%20search_path%3D${schema}`,
        REDIS_URL: redisUrl,
        CAUSEWAY_COMPACT_AFTER: '20',
      };
      relays = await Promise.all([spawnRelay(env), spawnRelay(env), spawnRelay(env)]);
    };
    const spread = (room: string, n: number) => {
      const urls = relays.map((r) => r.ws);
      clients = Array.from({ length: n }, (_, i) => roamingClient(urls, i, room));
      return clients;
    };
    /** /readyz's status, /healthz's fanout state and the Prometheus gauge of one relay. */
    const readiness = async (r: RelayProcess) => {
      const base = `http://127.0.0.1:${r.port}`;
      const ready = await fetch(`${base}/readyz`);
      const { fanout } = (await (await fetch(`${base}/healthz`)).json()) as { fanout: string };
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const gauge = Number(/^causeway_fanout_connected (\d+)$/m.exec(metrics)?.[1]);
      return { status: ready.status, fanout, gauge };
    };
    const allSynced = () =>
      waitFor(() => clients.every((c) => c.provider.synced), 10_000, 'every client synced');

    afterEach(async () => {
      for (const c of clients) c.destroy();
      clients = [];
      await Promise.all(relays.map(stopRelay));
      relays = [];
      await redis?.stop();
      redis = undefined;
      if (schema) await dropSchema(schema);
      schema = '';
    });

    it('clients spread over three relays converge, and a killed relay loses nothing', async () => {
      await start(REDIS_URL);
      const room = `cluster-${Date.now()}`;
      const cs = spread(room, 9);
      await allSynced();
      const expected: Record<string, string> = {};
      cs.forEach((c, i) => {
        c.doc.getMap('m').set(`before-${i}`, `relay ${i % 3}`);
        expected[`before-${i}`] = `relay ${i % 3}`;
      });
      await converged(cs, expected);

      // Relay 0's clients write and their relay dies right away, with no flush or close frame.
      const orphans = cs.filter((_, i) => i % 3 === 0);
      orphans.forEach((c, i) => {
        c.doc.getMap('m').set(`last-words-${i}`, 'x');
        expected[`last-words-${i}`] = 'x';
      });
      await killRelay(relays[0] as RelayProcess);
      await waitFor(
        () =>
          orphans.every((c) => c.provider.wsconnected && c.provider.serverUrl !== relays[0]?.ws),
        15_000,
        'orphaned clients to reconnect to another relay',
      );
      cs.forEach((c, i) => {
        c.doc.getMap('m').set(`after-${i}`, 'y');
        expected[`after-${i}`] = 'y';
      });
      await converged(cs, expected);
      // Compaction ran (compactAfter 20) and the database holds everything too.
      const t0 = Date.now();
      let stored: Record<string, unknown> = {};
      while (Date.now() - t0 < 10_000) {
        stored = await storedMap(schema, room);
        if (Object.keys(stored).length === Object.keys(expected).length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(stored).toEqual(expected);
    });

    it('a client joining on another relay sees who is already there at once', async () => {
      await start(REDIS_URL);
      const room = `presence-${Date.now()}`;
      const urls = relays.map((r) => r.ws);
      // Alice is alone on relay 0 and idle: her client renews its presence only every 15 s.
      const alice = roamingClient([urls[0] as string], 0, room);
      alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
      clients = [alice];
      await allSynced();
      await new Promise((r) => setTimeout(r, 300));
      // Bob opens the board on relay 1, which has not loaded it: it asks the others who is here.
      const bob = roamingClient([urls[1] as string], 0, room);
      clients = [alice, bob];
      const seesAlice = () =>
        [...bob.provider.awareness.getStates().values()].some(
          (s) => (s as { user?: { name?: string } }).user?.name === 'Alice',
        );
      // Well inside the 15 s renewal: only the relays' presence query can have brought her.
      await waitFor(seesAlice, 5_000, 'Bob to see Alice');
    });

    it('the relays heal and converge after Redis restarts', async () => {
      const port = await freePort();
      redis = await startRedis(port);
      await start(redis.url);
      const room = `redis-restart-${Date.now()}`;
      const cs = spread(room, 6);
      await allSynced();
      const expected: Record<string, string> = {};
      cs.forEach((c, i) => {
        c.doc.getMap('m').set(`up-${i}`, 'a');
        expected[`up-${i}`] = 'a';
      });
      await converged(cs, expected);
      for (const r of relays)
        expect(await readiness(r)).toEqual({ status: 200, fanout: 'up', gauge: 1 });

      await redis.stop();
      // Written while Redis is down: each relay persists them, but nothing crosses relays.
      cs.forEach((c, i) => {
        c.doc.getMap('m').set(`down-${i}`, 'b');
        expected[`down-${i}`] = 'b';
      });
      await new Promise((r) => setTimeout(r, 500));
      const sees = (c: RoamingClient, key: string) => c.doc.getMap('m').has(key);
      // Client 0 is on relay 0 and client 1 on relay 1: they cannot have met without Redis.
      expect(sees(cs[0] as RoamingClient, 'down-1')).toBe(false);
      // Cut off, and says so: /healthz and the gauge to alert on drop to 0, but /readyz stays
      // 200, or a balancer checking it would take every relay out at once (they share Redis).
      for (const r of relays) {
        let seen = await readiness(r);
        for (let t = Date.now(); seen.fanout !== 'down' && Date.now() - t < 10_000; ) {
          await new Promise((done) => setTimeout(done, 100));
          seen = await readiness(r);
        }
        expect(seen).toEqual({ status: 200, fanout: 'down', gauge: 0 });
      }

      redis = await startRedis(port);
      await converged(cs, expected, 20_000);
      for (const r of relays)
        expect(await readiness(r)).toEqual({ status: 200, fanout: 'up', gauge: 1 });
      cs.forEach((c, i) => {
        c.doc.getMap('m').set(`healed-${i}`, 'c');
        expected[`healed-${i}`] = 'c';
      });
      await converged(cs, expected);
    });
  },
);
