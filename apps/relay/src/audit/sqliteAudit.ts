/** The audit log in the data directory's SQLite file (securityDb.ts), for a single relay. */
import type Database from 'better-sqlite3';
import {
  type AuditEntry,
  type AuditRow,
  type AuditStore,
  type NewAuditEntry,
  toAuditEntry,
} from './auditStore.ts';

export class SqliteAuditStore implements AuditStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      add: db.prepare<[string, string, string, string, string, number, string, string]>(
        'INSERT INTO audit (room, at, subject, role, clients, bytes, areas, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      page: db.prepare<[string, number, number], AuditRow>(
        'SELECT seq, at, subject, role, clients, bytes, areas, action FROM audit WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      deleteRoom: db.prepare<[string]>('DELETE FROM audit WHERE room = ?'),
    };
  }

  async add(room: string, e: NewAuditEntry): Promise<void> {
    this.stmt.add.run(
      room,
      e.at,
      e.subject,
      e.role,
      JSON.stringify(e.clients),
      e.bytes,
      JSON.stringify(e.areas),
      e.action,
    );
  }

  async list(room: string, limit: number, before = Number.MAX_SAFE_INTEGER): Promise<AuditEntry[]> {
    return this.stmt.page.all(room, before, limit).map(toAuditEntry);
  }

  async deleteRoom(room: string): Promise<void> {
    this.stmt.deleteRoom.run(room);
  }
}
