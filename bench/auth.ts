/**
 * `pnpm tsx bench/auth.ts`: what the token check costs with the invite store on SQLite and on
 * PostgreSQL (one primary-key lookup after the JWT verification), and how fast each audit store
 * takes a burst of entries. Alternates the backends each round; prints ratios to JWT-only.
 */

import type { AuditStore } from '../apps/relay/src/audit/auditStore.ts';
import { PostgresAuditStore } from '../apps/relay/src/audit/postgresAudit.ts';
import { SqliteAuditStore } from '../apps/relay/src/audit/sqliteAudit.ts';
import { Auth } from '../apps/relay/src/auth/auth.ts';
import type { InviteStore } from '../apps/relay/src/auth/inviteStore.ts';
import { PostgresInviteStore } from '../apps/relay/src/auth/postgresInvites.ts';
import { openSecurityDb } from '../apps/relay/src/auth/securityDb.ts';
import { SqliteInviteStore } from '../apps/relay/src/auth/sqliteInvites.ts';
import { verifyToken } from '../apps/relay/src/auth/tokens.ts';
import { RECORDS_SCHEMA } from '../apps/relay/src/records/postgresTables.ts';
import { createPgPool, migrate } from '../apps/relay/src/storage/pgPool.ts';
import { Histogram, round } from './stats.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const CHECKS = 2000;
const ROUNDS = 3;
const BURST = 5000;

const schema = `cw_bench_auth_${process.pid}`;
const pool = createPgPool({ connectionString: PG_URL, schema });
await migrate(pool, RECORDS_SCHEMA, schema);
const sqlite = openSecurityDb(':memory:');
const stores: Record<string, { invites: InviteStore; audit: AuditStore }> = {
  sqlite: { invites: new SqliteInviteStore(sqlite), audit: new SqliteAuditStore(sqlite) },
  postgres: { invites: new PostgresInviteStore(pool), audit: new PostgresAuditStore(pool) },
};

/** Mints `n` invites in the store (so the lookup hits a table of realistic size) and one token. */
async function setUp(name: string) {
  const auth = new Auth(SECRET, stores[name]?.invites as InviteStore);
  let token = '';
  for (let i = 0; i < 1000; i++) {
    const m = await auth.mint({
      room: `room${i % 50}`,
      role: 'editor',
      subject: 's',
      ttlSeconds: 3600,
      createdBy: 'bench',
    });
    if (i === 999 && m) token = m.token;
  }
  return { auth, token, room: `room${999 % 50}` };
}

const setups = { sqlite: await setUp('sqlite'), postgres: await setUp('postgres') };
const checks: Record<string, Histogram> = {
  jwt: new Histogram(),
  sqlite: new Histogram(),
  postgres: new Histogram(),
};
const burst: Record<string, number[]> = { sqlite: [], postgres: [] };

for (let round_ = 0; round_ < ROUNDS; round_++) {
  for (const name of ['jwt', 'sqlite', 'postgres'] as const) {
    const s = setups[name === 'jwt' ? 'sqlite' : name];
    for (let i = 0; i < CHECKS; i++) {
      const t = performance.now();
      if (name === 'jwt') await verifyToken(SECRET, s.token);
      else await s.auth.authenticate(s.room, s.token);
      checks[name]?.add(performance.now() - t);
    }
  }
  for (const name of ['sqlite', 'postgres'] as const) {
    const audit = stores[name]?.audit as AuditStore;
    const t = performance.now();
    const writes = [];
    for (let i = 0; i < BURST; i++)
      writes.push(
        audit.add(`room${i % 50}`, {
          at: new Date().toISOString(),
          subject: 's',
          role: 'editor',
          clients: [i],
          bytes: 40,
          areas: ['timeline'],
          action: 'edit',
        }),
      );
    await Promise.all(writes);
    burst[name]?.push((BURST / (performance.now() - t)) * 1000);
  }
}

const jwtP50 = checks.jwt?.quantile(0.5) ?? Number.NaN;
console.table(
  Object.fromEntries(
    Object.entries(checks).map(([name, h]) => [
      name === 'jwt' ? 'JWT verify only' : `authenticate (${name})`,
      {
        'p50 ms': round(h.quantile(0.5), 3),
        'p99 ms': round(h.quantile(0.99), 3),
        'p50 / JWT': round(h.quantile(0.5) / jwtP50),
      },
    ]),
  ),
);
console.table(
  Object.fromEntries(
    Object.entries(burst).map(([name, rates]) => [
      `audit burst of ${BURST} (${name})`,
      { 'entries/s (median of rounds)': Math.round(rates.sort((a, b) => a - b)[1] ?? 0) },
    ]),
  ),
);

sqlite.close();
await pool.query(`DROP SCHEMA ${schema} CASCADE`);
await pool.end();
