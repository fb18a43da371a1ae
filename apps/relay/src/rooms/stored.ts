/** Read-only boards rebuilt from storage, for exports and snapshots (no room is loaded). */
import * as Y from 'yjs';
import { HttpError } from '../errors.ts';
import { mergeLog } from '../storage/merge.ts';
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
