/**
 * Where invites and the audit log live: beside the boards. With PostgreSQL storage they share its
 * pool and database, so every relay sees every invite and one audit log; otherwise they stay in
 * the data directory's SQLite file, as a single relay needs.
 */

import type { AuditStore } from '../audit/auditStore.ts';
import { PostgresAuditStore } from '../audit/postgresAudit.ts';
import { SqliteAuditStore } from '../audit/sqliteAudit.ts';
import type { InviteStore } from '../auth/inviteStore.ts';
import { PostgresInviteStore } from '../auth/postgresInvites.ts';
import { openSecurityDb } from '../auth/securityDb.ts';
import { SqliteInviteStore } from '../auth/sqliteInvites.ts';
import { migrate } from '../storage/pgPool.ts';
import { PostgresStorage } from '../storage/postgres.ts';
import { sqliteFile } from '../storage/sqlite.ts';
import type { Storage } from '../storage/storage.ts';
import { RECORDS_SCHEMA } from './postgresTables.ts';

export interface Records {
  readonly invites: InviteStore;
  readonly audit: AuditStore;
  /** Writes what is queued and releases what the records own (not the shared pool). */
  close(): Promise<void>;
}

/** The records for boards kept in `storage`; `dataDir` holds the SQLite file when needed. */
export async function openRecords(storage: Storage, dataDir: string): Promise<Records> {
  if (storage instanceof PostgresStorage) {
    await migrate(storage.pool, RECORDS_SCHEMA);
    const audit = new PostgresAuditStore(storage.pool);
    return {
      invites: new PostgresInviteStore(storage.pool),
      audit,
      close: () => audit.flush().catch(() => {}),
    };
  }
  // The relay's Checkpointer thread runs this file's WAL checkpoints (storage/checkpointer.ts).
  const db = openSecurityDb(sqliteFile(dataDir), { checkpointsElsewhere: true });
  const audit = new SqliteAuditStore(db);
  return {
    invites: new SqliteInviteStore(db),
    audit,
    close: async () => {
      audit.flush();
      if (db.open) db.close();
    },
  };
}
