/** Picks the storage backend the configuration names (SQLite unless told otherwise). */
import type { RelayConfig } from '../config.ts';
import { PostgresStorage } from './postgres.ts';
import { SqliteStorage, sqliteFile } from './sqlite.ts';
import type { Storage } from './storage.ts';

/** Opens the configured backend; PostgreSQL needs `databaseUrl`. */
export async function openStorage(config: RelayConfig): Promise<Storage> {
  if (config.storage) return config.storage;
  if (config.storageBackend === 'postgres') {
    if (!config.databaseUrl)
      throw new Error('CAUSEWAY_STORAGE=postgres needs DATABASE_URL (postgres://user@host/db)');
    return PostgresStorage.open({ connectionString: config.databaseUrl });
  }
  // The relay runs a Checkpointer on this file (app.ts).
  return new SqliteStorage(sqliteFile(config.dataDir), { checkpointsElsewhere: true });
}
