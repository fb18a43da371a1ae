import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import { removeDir, tempDir } from './helpers.ts';
import { storageContract } from './storage.contract.ts';

storageContract('SQLite', async () => {
  const dir = tempDir();
  return { storage: new SqliteStorage(sqliteFile(dir)), dispose: async () => removeDir(dir) };
});
