/**
 * The audit log in the data directory's SQLite file (securityDb.ts), for a single relay.
 *
 * Entries are buffered and written in one transaction per `FLUSH_MS` (and before any read,
 * delete or close), not one commit per keystroke: a commit is most of an entry's cost, and a busy
 * board makes hundreds of changes a second. The board update itself is stored before it is
 * relayed either way; only a hard crash can lose up to `FLUSH_MS` of audit rows (ADR 0009).
 */
import type Database from 'better-sqlite3';
import {
  type AuditEntry,
  type AuditRow,
  type AuditStore,
  type NewAuditEntry,
  toAuditEntry,
} from './auditStore.ts';

/** How long an entry may wait in memory before it is written. */
export const FLUSH_MS = 100;

export class SqliteAuditStore implements AuditStore {
  readonly sharedByRelays = false;
  private readonly stmt;
  private readonly insertAll: (rows: ReadonlyArray<readonly [string, NewAuditEntry]>) => void;
  private pending: Array<readonly [string, NewAuditEntry]> = [];
  private timer: NodeJS.Timeout | null = null;
  /** Settles when the pending batch is written, as PostgreSQL's queue does for its adds. */
  private written: { promise: Promise<void>; settle: (err?: unknown) => void } | null = null;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      add: db.prepare<[string, string, string, string, string, number, string, string]>(
        'INSERT INTO audit (room, at, subject, role, clients, bytes, areas, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      page: db.prepare<[string, number, number], AuditRow>(
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

  /**
   * Records an entry, written within FLUSH_MS; reads through this store see it at once. The
   * promise settles when its batch is written (another connection sees it from then on).
   */
  add(room: string, e: NewAuditEntry): Promise<void> {
    this.pending.push([room, e]);
    if (!this.timer) {
      this.timer = setTimeout(this.flush, FLUSH_MS);
      this.timer.unref();
    }
    if (!this.written) {
      let settle: (err?: unknown) => void = () => {};
      const promise = new Promise<void>((resolve, reject) => {
        settle = (err) => (err === undefined ? resolve() : reject(err));
      });
      this.written = { promise, settle };
    }
    return this.written.promise;
  }

  /** Writes every buffered entry in one transaction. */
  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const written = this.written;
    this.written = null;
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0 || !this.db.open) {
      written?.settle(rows.length === 0 ? undefined : new Error('audit database closed'));
      return;
    }
    try {
      this.insertAll(rows);
      written?.settle();
    } catch (err) {
      written?.settle(err);
    }
  };

  async list(room: string, limit: number, before = Number.MAX_SAFE_INTEGER): Promise<AuditEntry[]> {
    this.flush();
    return this.stmt.page.all(room, before, limit).map(toAuditEntry);
  }

  async deleteRoom(room: string): Promise<void> {
    this.flush();
    this.stmt.deleteRoom.run(room);
  }
}
