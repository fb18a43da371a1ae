/**
 * A relay's records opened offline: its storage, invites and audit log. Where the relay would keep
 * them: the data directory's SQLite file, or PostgreSQL when CAUSEWAY_STORAGE=postgres and
 * DATABASE_URL say so (the same variables the relay reads).
 */
import { openRecords, openStorage, resolveConfig } from '@causeway/relay';
import { CliError, EXIT } from './exit.ts';

/** The backend the environment names; SQLite unless CAUSEWAY_STORAGE=postgres. */
function backendFrom(env: NodeJS.ProcessEnv): 'sqlite' | 'postgres' {
  const raw = env.CAUSEWAY_STORAGE ?? '';
  if (raw === '' || raw === 'sqlite') return 'sqlite';
  if (raw === 'postgres') return 'postgres';
  throw new CliError(EXIT.usage, `CAUSEWAY_STORAGE must be sqlite or postgres, got ${raw}`);
}

/** Storage, invites and audit of a deployment; `close` releases the files or connections. */
export async function openBackupSources(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
  const storageBackend = backendFrom(env);
  if (storageBackend === 'postgres' && !env.DATABASE_URL)
    throw new CliError(EXIT.usage, 'CAUSEWAY_STORAGE=postgres needs DATABASE_URL');
  const config = resolveConfig({
    dataDir,
    storageBackend,
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  });
  let storage: Awaited<ReturnType<typeof openStorage>>;
  try {
    storage = await openStorage(config);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new CliError(EXIT.connection, `cannot open the ${storageBackend} store: ${why}`);
  }
  try {
    const records = await openRecords(storage, dataDir);
    return {
      storage,
      invites: records.invites,
      audit: records.audit,
      close: async () => {
        await records.close();
        await storage.close();
      },
    };
  } catch (err) {
    await storage.close();
    throw err;
  }
}

/** Where a backup or restore works: a data directory, or a running relay when `url` is set. */
export interface Target {
  readonly room?: string | undefined;
  readonly data: string;
  readonly url?: string | undefined;
  readonly token?: string | undefined;
  /** Where CAUSEWAY_STORAGE and DATABASE_URL are read; process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}
