/** The relay as a library: tests and embedders build it without listening. */
export { buildApp } from './app.ts';
export type { AuditEntry, AuditStore } from './audit/auditStore.ts';
export { Auth } from './auth/auth.ts';
export type { Invite, InviteStore } from './auth/inviteStore.ts';
export { isRole } from './auth/roles.ts';
export {
  BACKUP_FORMAT,
  type Backup,
  type BoardBackup,
  backupBoard,
  boardState,
  bundle,
  parseBackup,
  restoreBoardOffline,
} from './backup/bundle.ts';
export { configFromEnv, DEFAULTS, type RelayConfig, resolveConfig } from './config.ts';
export { CLOSE, HTTP_ERRORS } from './errors.ts';
export { openRecords, type Records } from './records/open.ts';
export { openStorage } from './storage/open.ts';
export { SqliteStorage, sqliteFile } from './storage/sqlite.ts';
export type { Snapshot, SnapshotMeta, Storage } from './storage/storage.ts';
