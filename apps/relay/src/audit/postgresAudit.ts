/**
 * The audit log in PostgreSQL, one log for every relay. A board under load applies hundreds of
 * updates a second, so entries are queued and written in batches (one INSERT of arrays per
 * round trip), in the order they were added; `list` waits for the queue first.
 */
import type pg from 'pg';
import {
  type AuditEntry,
  type AuditRow,
  type AuditStore,
  type NewAuditEntry,
  toAuditEntry,
} from './auditStore.ts';

/** Entries per INSERT; bounds one statement's size while the database is slow. */
const MAX_BATCH = 500;

interface Queued {
  readonly room: string;
  readonly entry: NewAuditEntry;
}

export class PostgresAuditStore implements AuditStore {
  readonly sharedByRelays = true;
  private queue: Queued[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  add(room: string, entry: NewAuditEntry): Promise<void> {
    this.queue.push({ room, entry });
    return this.flush();
  }

  /** Resolves once everything queued so far is written; rejects if a batch failed. */
  async flush(): Promise<void> {
    // Loops because an add can land after a drain's last batch but before it settles.
    while (this.queue.length > 0 || this.draining) {
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
      await this.draining;
    }
  }

  /** A failed batch is dropped (and reported) rather than retried forever behind a dead database. */
  private async drain(): Promise<void> {
    // Let the adds of the current tick join the first batch.
    await Promise.resolve();
    let failure: unknown = null;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.insert(batch);
      } catch (err) {
        failure = err;
      }
    }
    if (failure !== null) throw failure;
  }

  private async insert(batch: readonly Queued[]): Promise<void> {
    const col = <T>(pick: (q: Queued) => T) => batch.map(pick);
    // WITH ORDINALITY keeps the batch's order in the seqs the rows get.
    await this.pool.query(
      `INSERT INTO causeway_audit (room, at, subject, role, clients, bytes, areas, action)
       SELECT room, at, subject, role, clients, bytes, areas, action
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[])
         WITH ORDINALITY AS t(room, at, subject, role, clients, bytes, areas, action, n)
       ORDER BY n`,
      [
        col((q) => q.room),
        col((q) => q.entry.at),
        col((q) => q.entry.subject),
        col((q) => q.entry.role),
        col((q) => JSON.stringify(q.entry.clients)),
        col((q) => q.entry.bytes),
        col((q) => JSON.stringify(q.entry.areas)),
        col((q) => q.entry.action),
      ],
    );
  }

  async list(room: string, limit: number, before = Number.MAX_SAFE_INTEGER): Promise<AuditEntry[]> {
    await this.flush().catch(() => {});
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT seq, at, subject, role, clients, bytes, areas, action FROM causeway_audit
       WHERE room = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
      [room, before, limit],
    );
    return rows.map(toAuditEntry);
  }

  async deleteRoom(room: string): Promise<void> {
    // Entries still queued for the room would otherwise land after the delete.
    await this.flush().catch(() => {});
    await this.pool.query('DELETE FROM causeway_audit WHERE room = $1', [room]);
  }
}
