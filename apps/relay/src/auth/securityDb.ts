/**
 * The relay's own records beside SQLite-stored boards: invites (for listing and revocation) and
 * the audit log, in the data directory's SQLite file. With PostgreSQL storage they live in
 * PostgreSQL instead (records/postgresTables.ts); `causeway backup` carries them with each board.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BACKSTOP_CHECKPOINT_PAGES } from '../storage/checkpointer.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS invites (
  id TEXT PRIMARY KEY,
  room TEXT NOT NULL,
  role TEXT NOT NULL,
  subject TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS invites_by_room ON invites (room, created_at);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  at TEXT NOT NULL,
  subject TEXT NOT NULL,
  role TEXT NOT NULL,
  clients TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  areas TEXT NOT NULL,
  action TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_room ON audit (room, seq);
`;

/** Opens (creating if needed) the security tables in `file`. */
export function openSecurityDb(
  file: string,
  opts: { checkpointsElsewhere?: boolean } = {},
): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (opts.checkpointsElsewhere) db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  // A second connection to the boards' file may briefly find it locked by the first.
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  return db;
}
