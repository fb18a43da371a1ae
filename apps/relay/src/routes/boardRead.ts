/**
 * Reading a board for an output route. A room someone has open is read from its live doc: decoding
 * a 50,000-event board from storage costs seconds, and the live doc is already decoded. A room
 * nobody has open is read from storage without loading it (no compaction, no side effects).
 */
import { buildRcaExport, type RcaExport } from '@causeway/core';
import type { FastifyInstance } from 'fastify';
import type * as Y from 'yjs';
import { withStoredDoc } from '../rooms/stored.ts';

/** Runs `fn` on the room's board: the live doc when loaded, else a throwaway doc from storage. */
export async function readBoardState<T>(
  app: FastifyInstance,
  room: string,
  fn: (doc: Y.Doc) => T,
): Promise<T> {
  if (app.rooms.get(room)) return app.rooms.withRoom(room, (live) => fn(live.doc));
  return withStoredDoc(app.storage, room, fn);
}

/**
 * The latest RCA export of each live doc, dropped when the doc changes. The end of a review brings
 * several downloads of one unchanged board at once (report, CSVs, Jira dry run, JSON), and
 * building the export held the relay's event loop for about a second each at 50,000 events.
 */
const rcaOfLiveDoc = new WeakMap<Y.Doc, RcaExport>();
const forgetOnChange = new WeakSet<Y.Doc>();

function cachedRca(doc: Y.Doc, room: string): RcaExport {
  const cached = rcaOfLiveDoc.get(doc);
  if (cached) return { ...cached, exportedAt: new Date().toISOString() };
  const rca = buildRcaExport(doc, { room });
  rcaOfLiveDoc.set(doc, rca);
  if (!forgetOnChange.has(doc)) {
    forgetOnChange.add(doc);
    doc.on('update', () => rcaOfLiveDoc.delete(doc));
  }
  return rca;
}

/** The room's RCA export (what every output is rendered from), built once per board version. */
export async function readRcaExport(app: FastifyInstance, room: string): Promise<RcaExport> {
  if (app.rooms.get(room)) return app.rooms.withRoom(room, (live) => cachedRca(live.doc, room));
  return withStoredDoc(app.storage, room, (doc) => buildRcaExport(doc, { room }));
}
