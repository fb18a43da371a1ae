/**
 * Tests that need PostgreSQL or Redis: they run when the service answers, fail under CI when it
 * does not (CI must provide it), and otherwise skip with the reason printed.
 */
import { createConnection } from 'node:net';
import pg from 'pg';
import { describe, it } from 'vitest';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Service {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}
export const POSTGRES: Service = { name: 'PostgreSQL', host: '127.0.0.1', port: 5432 };
export const REDIS: Service = { name: 'Redis', host: '127.0.0.1', port: 6379 };

/** Resolves true when something accepts TCP connections on the service's port. */
export function reachable(s: Service, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host: s.host, port: s.port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/** `describe` that needs `services`: runs, fails under CI, or skips locally saying why. */
export async function describeWith(
  services: readonly Service[],
  title: string,
  body: () => void,
): Promise<void> {
  const missing: Service[] = [];
  for (const s of services) if (!(await reachable(s))) missing.push(s);
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const reason = missing.map((s) => `${s.name} unreachable at ${s.host}:${s.port}`).join(', ');
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has its services', () => {
        throw new Error(`${reason}; CI must provide it`);
      });
    });
    return;
  }
  console.warn(`skipping "${title}": ${reason} (set CI=true to make this a failure)`);
  describe.skip(title, body);
}

/** A fresh schema name, so parallel test files and runs never see each other's rows. */
export const freshSchema = (prefix: string) =>
  `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** Drops a test schema through a separate connection (the storage's pool is already closed). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
