/** The per-board audit log: one row per applied change, newest read first. */
import type Database from 'better-sqlite3';

export interface AuditEntry {
  readonly seq: number;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly subject: string;
  /** The role the change was made with, or `system` for the relay's own writes. */
  readonly role: string;
  /** Yjs client ids whose items the change carries. */
  readonly clients: readonly number[];
  /** Size of the Yjs update. */
  readonly bytes: number;
  /** Board areas the change touched: meta, timeline, whys, fishbone, actionItems (or other). */
  readonly areas: readonly string[];
  /** edit (a socket), import, restore, peer (applied from another relay), or system. */
  readonly action: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

interface Row {
  seq: number;
  at: string;
  subject: string;
  role: string;
  clients: string;
  bytes: number;
  areas: string;
  action: string;
}

export class AuditStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      add: db.prepare<[string, string, string, string, string, number, string, string]>(
        'INSERT INTO audit (room, at, subject, role, clients, bytes, areas, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      page: db.prepare<[string, number, number], Row>(
        'SELECT seq, at, subject, role, clients, bytes, areas, action FROM audit WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      deleteRoom: db.prepare<[string]>('DELETE FROM audit WHERE room = ?'),
    };
  }

  add(room: string, e: NewAuditEntry): void {
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

  /** Up to `limit` entries older than `before` (a seq), newest first. */
  list(room: string, limit: number, before = Number.MAX_SAFE_INTEGER): AuditEntry[] {
    return this.stmt.page.all(room, before, limit).map((r) => ({
      seq: r.seq,
      at: r.at,
      subject: r.subject,
      role: r.role,
      clients: JSON.parse(r.clients) as number[],
      bytes: r.bytes,
      areas: JSON.parse(r.areas) as string[],
      action: r.action,
    }));
  }

  deleteRoom(room: string): void {
    this.stmt.deleteRoom.run(room);
  }
}
