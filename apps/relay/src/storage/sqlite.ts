/**
 * SQLite backend: one file, WAL mode, synchronous better-sqlite3 calls. Each method finishes its
 * write before its promise is created, so callers that await it relay only durable updates.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BACKSTOP_CHECKPOINT_PAGES } from './checkpointer.ts';
import { compactedRow } from './merge.ts';
import type { Snapshot, SnapshotMeta, Storage, StoredLog } from './storage.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, seq);
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY,
  room TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_by_room ON snapshots (room, created_at);
`;

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** The database file inside a data directory. */
export const sqliteFile = (dataDir: string) => join(dataDir, 'causeway.sqlite');

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmt;

  /** `checkpointsElsewhere`: a Checkpointer thread runs them (the relay's setup). */
  constructor(file: string, opts: { checkpointsElsewhere?: boolean } = {}) {
    if (file !== ':memory:') mkdirSync(join(file, '..'), { recursive: true });
    this.db = new Database(file);
    // WAL: readers (exports, snapshots) never block the writer; NORMAL sync survives process
    // crashes and only risks the last commits on power loss, which clients re-send on resync.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    if (opts.checkpointsElsewhere)
      this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      load: db.prepare<[string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE room = ? ORDER BY seq',
      ),
      append: db.prepare<[string, Uint8Array]>('INSERT INTO updates (room, data) VALUES (?, ?)'),
      appendAt: db.prepare<[number, string, Uint8Array]>(
        'INSERT INTO updates (seq, room, data) VALUES (?, ?, ?)',
      ),
      deleteThrough: db.prepare<[string, number], { data: Buffer }>(
        'DELETE FROM updates WHERE room = ? AND seq <= ? RETURNING data',
      ),
      has: db.prepare<[string], { one: number }>(
        'SELECT 1 AS one FROM updates WHERE room = ? LIMIT 1',
      ),
      rooms: db.prepare<[], { room: string }>('SELECT DISTINCT room FROM updates ORDER BY room'),
      versions: db.prepare<[], { room: string; seq: number }>(
        'SELECT room, MAX(seq) AS seq FROM updates GROUP BY room',
      ),
      saveSnap: db.prepare<[string, string, string, string, Uint8Array]>(
        'INSERT INTO snapshots (id, room, label, created_at, state) VALUES (?, ?, ?, ?, ?)',
      ),
      listSnaps: db.prepare<[string], { id: string; label: string; created_at: string }>(
        'SELECT id, label, created_at FROM snapshots WHERE room = ? ORDER BY created_at DESC, rowid DESC',
      ),
      deleteUpdates: db.prepare<[string]>('DELETE FROM updates WHERE room = ?'),
      deleteSnaps: db.prepare<[string]>('DELETE FROM snapshots WHERE room = ?'),
      getSnap: db.prepare<
        [string, string],
        { id: string; label: string; created_at: string; state: Buffer }
      >('SELECT id, label, created_at, state FROM snapshots WHERE room = ? AND id = ?'),
    };
  }

  async loadLog(room: string): Promise<StoredLog> {
    const rows = this.stmt.load.all(room);
    return { updates: rows.map((r) => toBytes(r.data)), lastSeq: rows.at(-1)?.seq ?? 0 };
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<number> {
    return Number(this.stmt.append.run(room, update).lastInsertRowid);
  }

  private readonly appendAllTx = (room: string, updates: readonly Uint8Array[]) =>
    this.db.transaction(() => {
      let seq = 0;
      for (const u of updates) seq = Number(this.stmt.append.run(room, u).lastInsertRowid);
      return seq;
    })();

  async appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.appendAllTx(room, updates);
  }

  private readonly compactTx = (room: string, state: Uint8Array, throughSeq: number) =>
    this.db.transaction(() => {
      const covered = this.stmt.deleteThrough.all(room, throughSeq).map((r) => toBytes(r.data));
      const merged = compactedRow(state, covered);
      // seq is global, so after the delete throughSeq is free (it was this room's row).
      if (throughSeq > 0) this.stmt.appendAt.run(throughSeq, room, merged);
      else this.stmt.append.run(room, merged);
    })();

  async compact(room: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.compactTx(room, state, throughSeq);
  }

  async roomVersions(): Promise<ReadonlyMap<string, number>> {
    return new Map(this.stmt.versions.all().map((r) => [r.room, r.seq]));
  }

  async hasRoom(room: string): Promise<boolean> {
    return this.stmt.has.get(room) !== undefined;
  }

  async listRooms(): Promise<string[]> {
    return this.stmt.rooms.all().map((r) => r.room);
  }

  async saveSnapshot(room: string, s: Snapshot): Promise<void> {
    this.stmt.saveSnap.run(s.id, room, s.label, s.createdAt, s.state);
  }

  async listSnapshots(room: string): Promise<SnapshotMeta[]> {
    return this.stmt.listSnaps
      .all(room)
      .map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at }));
  }

  async getSnapshot(room: string, id: string): Promise<Snapshot | null> {
    const r = this.stmt.getSnap.get(room, id);
    return r
      ? { id: r.id, label: r.label, createdAt: r.created_at, state: toBytes(r.state) }
      : null;
  }

  private readonly deleteTx = (room: string) =>
    this.db.transaction(() => {
      this.stmt.deleteUpdates.run(room);
      this.stmt.deleteSnaps.run(room);
    })();

  async deleteRoom(room: string): Promise<void> {
    this.deleteTx(room);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
