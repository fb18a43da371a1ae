/** A relay's data directory opened offline: its storage, invites and audit log. */
import {
  AuditStore,
  InviteStore,
  openSecurityDb,
  SqliteStorage,
  sqliteFile,
} from '@causeway/relay';

/** Storage, invites and audit of a data directory; `close` releases the files. */
export function openBackupSources(dataDir: string) {
  const storage = new SqliteStorage(sqliteFile(dataDir));
  const db = openSecurityDb(sqliteFile(dataDir));
  const audit = new AuditStore(db);
  return {
    storage,
    invites: new InviteStore(db),
    audit,
    close: async () => {
      // Restored audit entries are buffered; write them before the file closes.
      audit.flush();
      await storage.close();
      db.close();
    },
  };
}

/** Where a backup or restore works: a data directory, or a running relay when `url` is set. */
export interface Target {
  readonly room?: string | undefined;
  readonly data: string;
  readonly url?: string | undefined;
  readonly token?: string | undefined;
}
