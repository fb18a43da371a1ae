/**
 * The PostgreSQL tables for invites and the audit log, beside the boards' tables, so every relay
 * of a deployment sees the same invites, revocations and audit log. Mirrors auth/securityDb.ts.
 */
export const RECORDS_SCHEMA = `
CREATE TABLE IF NOT EXISTS causeway_invites (
  id TEXT PRIMARY KEY,
  n BIGSERIAL,
  room TEXT NOT NULL,
  role TEXT NOT NULL,
  subject TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS causeway_invites_by_room ON causeway_invites (room, created_at);
CREATE TABLE IF NOT EXISTS causeway_audit (
  seq BIGSERIAL PRIMARY KEY,
  room TEXT NOT NULL,
  at TEXT NOT NULL,
  subject TEXT NOT NULL,
  role TEXT NOT NULL,
  clients TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  areas TEXT NOT NULL,
  action TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS causeway_audit_by_room ON causeway_audit (room, seq);
`;
