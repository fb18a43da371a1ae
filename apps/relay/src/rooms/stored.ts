/** Read-only boards rebuilt from storage, for exports and snapshots (no room is loaded). */
import * as Y from 'yjs';
import { HttpError } from '../errors.ts';
import { applyLog, mergeLog } from '../storage/merge.ts';
import type { Storage } from '../storage/storage.ts';

/** Builds a throwaway doc from `state`, runs `fn` on it and frees it. */
export function withDoc<T>(state: Uint8Array, fn: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return fn(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The room's persisted state as one update. Under persist-before-relay this includes every
 * update any client has been sent, so reading it needs no live room.
 */
export async function storedState(storage: Storage, room: string): Promise<Uint8Array> {
  const log = await storage.loadLog(room);
  if (log.updates.length === 0)
    throw new HttpError('room-not-found', `room ${room} has never been stored`);
  return mergeLog(log.updates);
}

/**
 * Runs `fn` on a throwaway doc holding the room's persisted state: the log applied in one
 * transaction, which is cheaper than merging it into one update and then decoding that.
 */
export async function withStoredDoc<T>(
  storage: Storage,
  room: string,
  fn: (doc: Y.Doc) => T,
): Promise<T> {
  const log = await storage.loadLog(room);
  if (log.updates.length === 0)
    throw new HttpError('room-not-found', `room ${room} has never been stored`);
  const doc = new Y.Doc();
  try {
    applyLog(doc, log.updates, null);
    return fn(doc);
  } finally {
    doc.destroy();
  }
}
