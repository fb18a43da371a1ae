import pg from 'pg';
import { PostgresStorage } from '../src/storage/postgres.ts';
import { describeWith, freshSchema, PG_URL, POSTGRES } from './services.ts';
import { storageContract } from './storage.contract.ts';

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

await describeWith([POSTGRES], 'PostgreSQL backend', () => {
  storageContract('PostgreSQL', async () => {
    const schema = freshSchema('cw_contract');
    const storage = await PostgresStorage.open({ connectionString: PG_URL, schema });
    return { storage, dispose: () => dropSchema(schema) };
  });
});
