/**
 * Board backups: a JSON bundle holding each board's full Yjs state, its snapshots, invites and
 * audit log. Restoring merges the state into whatever the target holds (Yjs merges are
 * idempotent), so restoring twice, or into a board that moved on, loses nothing.
 */
import * as Y from 'yjs';
import type { AuditEntry, AuditStore } from '../audit/auditStore.ts';
import type { Invite, InviteStore } from '../auth/inviteStore.ts';
import type { Storage } from '../storage/storage.ts';
import { checkAuditEntry, checkInvite } from './records.ts';

export const BACKUP_FORMAT = 'causeway-backup';
export const BACKUP_VERSION = 1;

export interface BoardBackup {
  readonly room: string;
  /** base64 of Y.encodeStateAsUpdate of the board. */
  readonly state: string;
  readonly snapshots: ReadonlyArray<{
    id: string;
    label: string;
    createdAt: string;
    state: string;
  }>;
  readonly invites: readonly Invite[];
  readonly audit: readonly AuditEntry[];
}

export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly createdAt: string;
  readonly boards: readonly BoardBackup[];
}

export interface BackupSources {
  readonly storage: Storage;
  readonly invites: InviteStore;
  readonly audit: AuditStore;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** One board as stored (no live room needed: storage holds everything any client was sent). */
export async function backupBoard(src: BackupSources, room: string): Promise<BoardBackup | null> {
  const log = await src.storage.loadLog(room);
  if (log.updates.length === 0) return null;
  const snapshots = [];
  for (const meta of await src.storage.listSnapshots(room)) {
    const snap = await src.storage.getSnapshot(room, meta.id);
    if (snap) snapshots.push({ ...meta, state: b64(snap.state) });
  }
  return {
    room,
    state: b64(Y.mergeUpdates([...log.updates])),
    snapshots,
    invites: await src.invites.list(room),
    audit: (await src.audit.list(room, Number.MAX_SAFE_INTEGER)).reverse(),
  };
}

/** Wraps boards into a bundle. */
export const bundle = (boards: readonly BoardBackup[]): Backup => ({
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  createdAt: new Date().toISOString(),
  boards,
});

/** Checks a parsed bundle's shape; throws with what is wrong. */
export function parseBackup(value: unknown): Backup {
  const v = value as Partial<Backup> | null;
  if (!v || v.format !== BACKUP_FORMAT || v.version !== BACKUP_VERSION || !Array.isArray(v.boards))
    throw new Error(`not a ${BACKUP_FORMAT} v${BACKUP_VERSION} file`);
  for (const b of v.boards) {
    if (typeof b?.room !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(b.room))
      throw new Error('a board in the backup has no valid room id');
    if (typeof b.state !== 'string') throw new Error(`board ${b.room} has no state`);
    Y.decodeUpdate(unb64(b.state));
    if (!Array.isArray(b.snapshots) || !Array.isArray(b.invites) || !Array.isArray(b.audit))
      throw new Error(`board ${b.room} lacks snapshots, invites or audit arrays`);
    for (const i of b.invites) checkInvite(i, b.room);
    for (const e of b.audit) checkAuditEntry(e, b.room);
  }
  return v as Backup;
}

/** The board's state as bytes. */
export const boardState = (b: BoardBackup): Uint8Array => unb64(b.state);

/**
 * Everything but the live state: snapshots and invites missing from the target, and the audit log
 * when the target has none (so restoring twice does not duplicate it).
 */
export async function restoreRecords(dst: BackupSources, b: BoardBackup, room = b.room) {
  const have = new Set((await dst.storage.listSnapshots(room)).map((s) => s.id));
  for (const s of b.snapshots) {
    if (!have.has(s.id)) await dst.storage.saveSnapshot(room, { ...s, state: unb64(s.state) });
  }
  for (const i of b.invites) await dst.invites.add(checkInvite(i, room));
  // Added together, not one awaited round trip each: a store keeps the order they were added in.
  if ((await dst.audit.list(room, 1)).length === 0)
    await Promise.all(b.audit.map((e) => dst.audit.add(room, checkAuditEntry(e, room))));
}

/** Offline restore into a data dir: the state is appended as one more update. */
export async function restoreBoardOffline(dst: BackupSources, b: BoardBackup, room = b.room) {
  await dst.storage.appendUpdate(room, boardState(b));
  await restoreRecords(dst, b, room);
}
