/**
 * The PostgreSQL pool every PostgreSQL-backed store of a relay shares (boards, invites, audit),
 * and the start-up migration that creates their tables.
 */
import pg from 'pg';

export interface PostgresOptions {
  readonly connectionString: string;
  /** Schema holding the tables (created if missing); tests use one per run. Default: the
   * connection's search_path (normally `public`). */
  readonly schema?: string;
  readonly poolSize?: number;
}

/** Advisory-lock key namespace (arbitrary constant) so our locks never collide with others'. */
export const LOCK_NAMESPACE = 0x0c0ffee;

/** A pool on `opts`' database and schema; nothing is queried yet. */
export function createPgPool(opts: PostgresOptions): pg.Pool {
  const { schema } = opts;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`bad schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.poolSize ?? 8,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the relay; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `ddl` (idempotent CREATE ... IF NOT EXISTS) in one transaction under a global advisory
 * lock, so relays starting together do not race to create the same tables.
 */
export function migrate(pool: pg.Pool, ddl: string, schema?: string): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_NAMESPACE]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(ddl);
  });
}

/** Runs `work` on one pooled client inside BEGIN/COMMIT; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
