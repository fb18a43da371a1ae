import { openRecords } from '../src/records/open.ts';
import { PostgresStorage } from '../src/storage/postgres.ts';
import { recordsContract } from './records.contract.ts';
import { describeWith, dropSchema, freshSchema, PG_URL, POSTGRES } from './services.ts';

await describeWith([POSTGRES], 'PostgreSQL invites and audit', () => {
  recordsContract('PostgreSQL', async () => {
    const schema = freshSchema('cw_records');
    return {
      // Each open is its own pool, as each relay process has.
      open: async () => {
        const storage = await PostgresStorage.open({ connectionString: PG_URL, schema });
        const records = await openRecords(storage, '/nonexistent');
        return {
          records,
          close: async () => {
            await records.close();
            await storage.close();
          },
        };
      },
      dispose: () => dropSchema(schema),
    };
  });
});
