/**
 * PostgreSQL backend for several relays sharing boards. Same layout as SQLite (an update log per
 * room plus snapshots); `compact` takes a per-room advisory lock and merges the rows it deletes
 * into the row it writes, so concurrent compactions and appends from other relays lose nothing.
 */
import type pg from 'pg';
import { compactedRow } from './merge.ts';
import {
  createPgPool,
  inTransaction,
  LOCK_NAMESPACE,
  migrate,
  type PostgresOptions,
} from './pgPool.ts';
import type { Snapshot, SnapshotMeta, Storage, StoredLog } from './storage.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS causeway_updates (
  seq BIGSERIAL PRIMARY KEY,
  room TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS causeway_updates_by_room ON causeway_updates (room, seq);
CREATE TABLE IF NOT EXISTS causeway_snapshots (
  n BIGSERIAL,
  id TEXT NOT NULL,
  room TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state BYTEA NOT NULL,
  PRIMARY KEY (room, id)
);
CREATE INDEX IF NOT EXISTS causeway_snapshots_by_room ON causeway_snapshots (room, created_at);
`;

const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export type { PostgresOptions };

export class PostgresStorage implements Storage {
  /** Shared with the invite and audit stores (records/open.ts), which live in the same database. */
  private constructor(readonly pool: pg.Pool) {}

  /** Connects, creates the schema and tables if needed (serialised across relays) and returns. */
  static async open(opts: PostgresOptions): Promise<PostgresStorage> {
    const pool = createPgPool(opts);
    try {
      await migrate(pool, SCHEMA, opts.schema);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStorage(pool);
  }

  async loadLog(room: string): Promise<StoredLog> {
    const { rows } = await this.pool.query<{ seq: string; data: Buffer }>(
      'SELECT seq, data FROM causeway_updates WHERE room = $1 ORDER BY seq',
      [room],
    );
    return { updates: rows.map((r) => toBytes(r.data)), lastSeq: Number(rows.at(-1)?.seq ?? 0) };
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string }>(
      'INSERT INTO causeway_updates (room, data) VALUES ($1, $2) RETURNING seq',
      [room, toBuffer(update)],
    );
    return Number(rows[0]?.seq);
  }

  async appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<number> {
    // One statement, so one implicit transaction: every row or none.
    const { rows } = await this.pool.query<{ seq: string | null }>(
      `WITH added AS (
         INSERT INTO causeway_updates (room, data) SELECT $1, u FROM unnest($2::bytea[]) AS u
         RETURNING seq
       ) SELECT max(seq) AS seq FROM added`,
      [room, updates.map(toBuffer)],
    );
    return Number(rows[0]?.seq ?? 0);
  }

  compact(room: string, state: Uint8Array, throughSeq: number): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      // One compaction per room at a time across every relay on this database.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, room]);
      const { rows } = await client.query<{ data: Buffer }>(
        'DELETE FROM causeway_updates WHERE room = $1 AND seq <= $2 RETURNING data',
        [room, throughSeq],
      );
      const merged = compactedRow(
        state,
        rows.map((r) => toBytes(r.data)),
      );
      // seq is global and throughSeq was this room's row, so after the delete it is free.
      if (throughSeq > 0)
        await client.query('INSERT INTO causeway_updates (seq, room, data) VALUES ($1, $2, $3)', [
          throughSeq,
          room,
          toBuffer(merged),
        ]);
      else
        await client.query('INSERT INTO causeway_updates (room, data) VALUES ($1, $2)', [
          room,
          toBuffer(merged),
        ]);
    });
  }

  async hasRoom(room: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      'SELECT 1 FROM causeway_updates WHERE room = $1 LIMIT 1',
      [room],
    );
    return rows.length > 0;
  }

  async roomVersions(): Promise<ReadonlyMap<string, number>> {
    const { rows } = await this.pool.query<{ room: string; seq: string }>(
      'SELECT room, MAX(seq) AS seq FROM causeway_updates GROUP BY room',
    );
    return new Map(rows.map((r) => [r.room, Number(r.seq)]));
  }

  async listRooms(): Promise<string[]> {
    const { rows } = await this.pool.query<{ room: string }>(
      'SELECT DISTINCT room FROM causeway_updates ORDER BY room',
    );
    return rows.map((r) => r.room);
  }

  async saveSnapshot(room: string, s: Snapshot): Promise<void> {
    await this.pool.query(
      'INSERT INTO causeway_snapshots (id, room, label, created_at, state) VALUES ($1, $2, $3, $4, $5)',
      [s.id, room, s.label, s.createdAt, toBuffer(s.state)],
    );
  }

  async listSnapshots(room: string): Promise<SnapshotMeta[]> {
    const { rows } = await this.pool.query<{ id: string; label: string; created_at: string }>(
      'SELECT id, label, created_at FROM causeway_snapshots WHERE room = $1 ORDER BY created_at DESC, n DESC',
      [room],
    );
    return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at }));
  }

  async getSnapshot(room: string, id: string): Promise<Snapshot | null> {
    const { rows } = await this.pool.query<{
      id: string;
      label: string;
      created_at: string;
      state: Buffer;
    }>('SELECT id, label, created_at, state FROM causeway_snapshots WHERE room = $1 AND id = $2', [
      room,
      id,
    ]);
    const r = rows[0];
    return r
      ? { id: r.id, label: r.label, createdAt: r.created_at, state: toBytes(r.state) }
      : null;
  }

  deleteRoom(room: string): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      // Waits for a compaction of this room in progress, so its row cannot land afterwards.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, room]);
      await client.query('DELETE FROM causeway_updates WHERE room = $1', [room]);
      await client.query('DELETE FROM causeway_snapshots WHERE room = $1', [room]);
    });
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
