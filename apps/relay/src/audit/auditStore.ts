/**
 * The per-board audit log: one row per applied change, newest read first. Two backends: SQLite
 * (sqliteAudit.ts, one relay) and PostgreSQL (postgresAudit.ts, one log for every relay).
 */

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
  /** edit (a socket), import, restore, peer (applied from another relay; per-relay logs only), or system. */
  readonly action: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

export interface AuditStore {
  /**
   * One log for every relay (PostgreSQL): a change applied here from another relay is already
   * in it, written by the relay that received it, so it is not written again as `peer`.
   */
  readonly sharedByRelays: boolean;
  /** Appends an entry; entries added by one store are kept in the order they were added. */
  add(room: string, entry: NewAuditEntry): Promise<void>;
  /**
   * Up to `limit` entries older than `before` (a seq), newest first. Includes every entry this
   * store's `add` was called with before (read-your-writes on one relay).
   */
  list(room: string, limit: number, before?: number): Promise<AuditEntry[]>;
  deleteRoom(room: string): Promise<void>;
}

/** A row as both backends store it: the two lists as JSON text. */
export interface AuditRow {
  /** PostgreSQL returns BIGSERIAL as text. */
  seq: number | string;
  at: string;
  subject: string;
  role: string;
  clients: string;
  bytes: number;
  areas: string;
  action: string;
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  subject: r.subject,
  role: r.role,
  clients: JSON.parse(r.clients) as number[],
  bytes: r.bytes,
  areas: JSON.parse(r.areas) as string[],
  action: r.action,
});
