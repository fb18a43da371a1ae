/**
 * Access control across relays: with CAUSEWAY_SECRET, relays on one PostgreSQL and one Redis
 * share invites, revocations and the audit log. An invite minted on one relay opens the board on
 * another; revoking it anywhere ends its live sockets everywhere, even when the announcement was
 * lost while Redis was down.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE } from '../src/errors.ts';
import { PostgresStorage } from '../src/storage/postgres.ts';
import {
  type RedisProcess,
  type RelayProcess,
  spawnRelay,
  startRedis,
  stopRelay,
} from './cluster.ts';
import { TEST_SECRET, waitFor } from './helpers.ts';
import { freePort } from './process.ts';
import { describeWith, dropSchema, freshSchema, PG_URL, POSTGRES } from './services.ts';

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

const httpOf = (r: RelayProcess) => `http://127.0.0.1:${r.port}`;

async function api(
  r: RelayProcess,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${httpOf(r)}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** A stock provider with a token; `closes` records every close of its socket. */
function client(r: RelayProcess, room: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(r.ws, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  const closes: Closed[] = [];
  provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

await describeWith(
  [POSTGRES, REDIS_SERVER],
  'invites and audit shared by relays over PostgreSQL and Redis',
  () => {
    let schema = '';
    let relays: RelayProcess[] = [];
    let redis: RedisProcess | undefined;
    const clients: Array<{ destroy(): void }> = [];

    const start = async (n: number) => {
      redis = await startRedis(await freePort());
      schema = freshSchema('cw_cluster_auth');
      // Create the tables once so the relays, which share the schema, do not race to do it.
      await (await PostgresStorage.open({ connectionString: PG_URL, schema })).close();
      const env = {
        CAUSEWAY_SECRET: TEST_SECRET,
        CAUSEWAY_STORAGE: 'postgres',
        DATABASE_URL: `${PG_URL}?options=-c%20search_path%3D${schema}`,
        REDIS_URL: redis.url,
      };
      relays = await Promise.all(Array.from({ length: n }, () => spawnRelay(env)));
      return relays;
    };

    /** Creates a board on `r`: its id and the creator's facilitator token. */
    const createBoard = async (r: RelayProcess) => {
      const res = await api(r, 'POST', '/api/rooms', undefined, {
        title: 'Shared',
        incidentId: 'INC-7',
        severity: 'SEV2',
        creator: 'Fran',
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { room: string; token: string };
      return body;
    };

    const mint = async (r: RelayProcess, room: string, facilitator: string, subject: string) => {
      const res = await api(r, 'POST', `/api/rooms/${room}/invites`, facilitator, {
        role: 'editor',
        subject,
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; token: string };
    };

    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await Promise.all(relays.map(stopRelay));
      relays = [];
      await redis?.stop();
      redis = undefined;
      if (schema) await dropSchema(schema);
      schema = '';
    });

    it('an invite minted on A opens the board on B; revoking on B ends its socket on A; one audit log', async () => {
      const [a, b, c] = (await start(3)) as [RelayProcess, RelayProcess, RelayProcess];
      const { room, token: facilitator } = await createBoard(a);
      const eve = await mint(a, room, facilitator, 'Eve');

      // Eve joins through B with the invite A minted, and edits.
      const onB = client(b, room, eve.token);
      clients.push(onB);
      await waitFor(() => onB.provider.synced, 10_000, 'Eve synced on B');
      expect(onB.doc.getMap('meta').get('title')).toBe('Shared');
      onB.doc.getMap('meta').set('rootCause', 'expired certificate');
      // Fran (on A) sees it, and edits too.
      const onA = client(a, room, facilitator);
      clients.push(onA);
      await waitFor(
        () => onA.doc.getMap('meta').get('rootCause') === 'expired certificate',
        10_000,
        'Eve’s edit on A',
      );
      onA.doc.getMap('meta').set('summary', 'certificate lapsed');
      await waitFor(
        () => onB.doc.getMap('meta').get('summary') === 'certificate lapsed',
        10_000,
        'Fran’s edit on B',
      );
      // Eve also holds a socket on A (a second tab) and one on C, all opened with the same invite.
      const eveOnA = client(a, room, eve.token);
      const eveOnC = client(c, room, eve.token);
      clients.push(eveOnA, eveOnC);
      await waitFor(
        () => eveOnA.provider.synced && eveOnC.provider.synced,
        10_000,
        'Eve synced on A and C',
      );

      // Every relay lists the invite; the facilitator revokes it through B.
      for (const r of [a, b, c]) {
        const res = await api(r, 'GET', `/api/rooms/${room}/invites`, facilitator);
        const listed = (await res.json()) as Array<{ id: string; active: boolean }>;
        expect(listed.find((i) => i.id === eve.id)?.active).toBe(true);
      }
      expect(
        (await api(b, 'DELETE', `/api/rooms/${room}/invites/${eve.id}`, facilitator)).status,
      ).toBe(204);
      const revoked = { code: CLOSE.unauthorized, reason: 'invite revoked' };
      await waitFor(
        () => [onB, eveOnA, eveOnC].every((x) => x.closes.length > 0),
        10_000,
        'Eve’s sockets on A, B and C to close',
      );
      for (const x of [onB, eveOnA, eveOnC]) expect(x.closes[0]).toEqual(revoked);
      // Fran's own socket stays; Eve's token is refused everywhere from now on.
      expect(onA.closes).toEqual([]);
      for (const r of [a, b, c]) {
        const res = await api(r, 'GET', `/api/rooms/${room}/access`, eve.token);
        expect(res.status).toBe(401);
        expect(((await res.json()) as { message: string }).message).toBe('invite revoked');
      }

      // One audit log: each relay lists Eve's edit (made through B) and Fran's (through A), once:
      // the relays that only applied them from Redis write no `peer` rows into the shared log.
      const edits = async (r: RelayProcess) => {
        const res = await api(r, 'GET', `/api/rooms/${room}/audit`, facilitator);
        expect(res.status).toBe(200);
        const entries = (await res.json()) as Array<{ subject: string; action: string }>;
        expect(entries.filter((e) => e.action === 'peer')).toEqual([]);
        return entries.filter((e) => e.action === 'edit').map((e) => e.subject);
      };
      for (const r of [a, b, c]) {
        const subjects = await edits(r);
        expect(subjects).toContain('Eve');
        expect(subjects).toContain('Fran');
      }
      expect(await edits(a)).toEqual(await edits(c));
    });

    it('a revocation announced while Redis is down still ends the socket once Redis is back', async () => {
      const [a, b] = (await start(2)) as [RelayProcess, RelayProcess];
      const { room, token: facilitator } = await createBoard(a);
      const eve = await mint(a, room, facilitator, 'Eve');
      const onB = client(b, room, eve.token);
      clients.push(onB);
      await waitFor(() => onB.provider.synced, 10_000, 'Eve synced on B');

      const port = redis?.port ?? 0;
      await redis?.stop();
      expect(
        (await api(a, 'DELETE', `/api/rooms/${room}/invites/${eve.id}`, facilitator)).status,
      ).toBe(204);
      // B never heard the announcement, but the shared store already refuses the invite.
      await new Promise((r) => setTimeout(r, 300));
      expect(onB.closes).toEqual([]);
      expect((await api(b, 'GET', `/api/rooms/${room}/access`, eve.token)).status).toBe(401);

      redis = await startRedis(port);
      await waitFor(() => onB.closes.length > 0, 20_000, 'Eve’s socket on B to close');
      expect(onB.closes[0]).toEqual({ code: CLOSE.unauthorized, reason: 'invite revoked' });
    });
  },
);
