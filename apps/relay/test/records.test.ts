import { openRecords } from '../src/records/open.ts';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import { removeDir, tempDir } from './helpers.ts';
import { recordsContract } from './records.contract.ts';

recordsContract('SQLite', async () => {
  const dir = tempDir();
  return {
    open: async () => {
      const storage = new SqliteStorage(sqliteFile(dir));
      const records = await openRecords(storage, dir);
      return {
        records,
        close: async () => {
          await records.close();
          await storage.close();
        },
      };
    },
    dispose: async () => removeDir(dir),
  };
});
