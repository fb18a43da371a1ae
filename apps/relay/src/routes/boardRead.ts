/**
 * Reading a board for an output route. A room someone has open is read from its live doc: decoding
 * a 50,000-event board from storage costs seconds, and the live doc is already decoded. A room
 * nobody has open is read from storage without loading it (no compaction, no side effects).
 */
import type { FastifyInstance } from 'fastify';
import type * as Y from 'yjs';
import { storedState, withDoc } from '../rooms/stored.ts';

/** Runs `fn` on the room's board: the live doc when loaded, else a throwaway doc from storage. */
export async function readBoardState<T>(
  app: FastifyInstance,
  room: string,
  fn: (doc: Y.Doc) => T,
): Promise<T> {
  if (app.rooms.get(room)) return app.rooms.withRoom(room, (live) => fn(live.doc));
  return withDoc(await storedState(app.storage, room), fn);
}
