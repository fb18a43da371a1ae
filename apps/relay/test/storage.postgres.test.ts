import { PostgresStorage } from '../src/storage/postgres.ts';
import { describeWith, dropSchema, freshSchema, PG_URL, POSTGRES } from './services.ts';
import { storageContract } from './storage.contract.ts';

await describeWith([POSTGRES], 'PostgreSQL backend', () => {
  storageContract('PostgreSQL', async () => {
    const schema = freshSchema('cw_contract');
    const storage = await PostgresStorage.open({ connectionString: PG_URL, schema });
    return { storage, dispose: () => dropSchema(schema) };
  });
});
