/**
 * The per-board audit log: one row per applied change, newest read first.
 *
 * Entries are buffered and written in one transaction per `FLUSH_MS` (and before any read,
 * delete or close), not one commit per keystroke: a commit is most of an entry's cost, and a
 * busy board makes hundreds of changes a second. The board update itself is stored before it is
 * relayed either way; only a hard crash can lose up to `FLUSH_MS` of audit rows (ADR 0008).
 */
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

/** How long an entry may wait in memory before it is written. */
export const FLUSH_MS = 100;

export class AuditStore {
  private readonly stmt;
  private readonly insertAll: (rows: ReadonlyArray<readonly [string, NewAuditEntry]>) => void;
  private pending: Array<readonly [string, NewAuditEntry]> = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      add: db.prepare<[string, string, string, string, string, number, string, string]>(
        'INSERT INTO audit (room, at, subject, role, clients, bytes, areas, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      page: db.prepare<[string, number, number], Row>(
        'SELECT seq, at, subject, role, clients, bytes, areas, action FROM audit WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      deleteRoom: db.prepare<[string]>('DELETE FROM audit WHERE room = ?'),
    };
    this.insertAll = db.transaction((rows: ReadonlyArray<readonly [string, NewAuditEntry]>) => {
      for (const [room, e] of rows)
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
    });
  }

  /** Records an entry; it is written within FLUSH_MS, and reads see it at once. */
  add(room: string, e: NewAuditEntry): void {
    this.pending.push([room, e]);
    if (!this.timer) {
      this.timer = setTimeout(this.flush, FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes every buffered entry in one transaction. */
  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0 || !this.db.open) return;
    const rows = this.pending;
    this.pending = [];
    this.insertAll(rows);
  };

  /** Up to `limit` entries older than `before` (a seq), newest first. */
  list(room: string, limit: number, before = Number.MAX_SAFE_INTEGER): AuditEntry[] {
    this.flush();
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
    this.flush();
    this.stmt.deleteRoom.run(room);
  }
}
