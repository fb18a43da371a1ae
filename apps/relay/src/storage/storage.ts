/**
 * What the relay needs from a backend. Every method returns a promise so that a network backend
 * (PostgreSQL) can implement it; SQLite does its work synchronously before returning, which is what
 * makes persist-before-relay cheap (see docs/adr/0002-storage-layout.md).
 *
 * A room is an append-only log of Yjs updates. Yjs updates commute, so log order does not matter
 * for the merged state; `seq` only tells compaction which rows a merged state covers.
 */

export interface SnapshotMeta {
  readonly id: string;
  readonly label: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
}

export interface Snapshot extends SnapshotMeta {
  /** Y.encodeStateAsUpdate of the board when the snapshot was taken. */
  readonly state: Uint8Array;
}

export interface StoredLog {
  /** Oldest first; empty when the room was never stored. */
  readonly updates: readonly Uint8Array[];
  /** Highest seq among `updates`, 0 when empty. */
  readonly lastSeq: number;
}

export interface Storage {
  loadLog(room: string): Promise<StoredLog>;
  /** Resolves with the new row's seq (increasing per backend) once the update is durable. */
  appendUpdate(room: string, update: Uint8Array): Promise<number>;
  /**
   * Appends `updates` as rows in one transaction: all of them are durable or none is (an
   * import's slices). Resolves with the highest new seq. Saves merging a large write into one
   * row first, which held the relay's event loop for seconds at 50,000 events.
   */
  appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Atomically replaces the rows with seq <= throughSeq by one row holding `state` merged with
   * those rows (an idempotent merge: rows another relay appended that `state` lacks are kept).
   * That row takes seq = throughSeq, so rows appended after the caller computed `state` survive
   * and a later compaction covers this one. At most one compaction per room runs at a time.
   */
  compact(room: string, state: Uint8Array, throughSeq: number): Promise<void>;
  hasRoom(room: string): Promise<boolean>;
  listRooms(): Promise<string[]>;
  /**
   * Every stored room with its highest seq, in one query. A room's value changes whenever an
   * update is appended and not when it is compacted, so readers (trends) cache per room on it
   * without loading the log.
   */
  roomVersions(): Promise<ReadonlyMap<string, number>>;
  saveSnapshot(room: string, snapshot: Snapshot): Promise<void>;
  /** Newest first. */
  listSnapshots(room: string): Promise<SnapshotMeta[]>;
  getSnapshot(room: string, id: string): Promise<Snapshot | null>;
  /** Removes the room's log and snapshots; a no-op for a room never stored. */
  deleteRoom(room: string): Promise<void>;
  close(): Promise<void>;
}
