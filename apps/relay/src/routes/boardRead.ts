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
 * The latest RCA export of each live doc and the outputs rendered from it, dropped when the doc
 * changes. The end of a review brings several downloads of one unchanged board at once (report,
 * CSVs, Jira dry run, JSON): building the export held the relay's event loop about a second at
 * 50,000 events, and rendering a report most of another.
 */
interface LiveOutputs {
  readonly rca: RcaExport;
  readonly rendered: Map<string, string>;
}
const outputsOfLiveDoc = new WeakMap<Y.Doc, LiveOutputs>();
const forgetOnChange = new WeakSet<Y.Doc>();

function liveOutputs(doc: Y.Doc, room: string): LiveOutputs {
  let outputs = outputsOfLiveDoc.get(doc);
  if (!outputs) {
    outputs = { rca: buildRcaExport(doc, { room }), rendered: new Map() };
    outputsOfLiveDoc.set(doc, outputs);
    if (!forgetOnChange.has(doc)) {
      forgetOnChange.add(doc);
      doc.on('update', () => outputsOfLiveDoc.delete(doc));
    }
  }
  return outputs;
}

/** The room's RCA export (what every output is rendered from), stamped with this request's time. */
export async function readRcaExport(app: FastifyInstance, room: string): Promise<RcaExport> {
  if (app.rooms.get(room))
    return app.rooms.withRoom(room, (live) => ({
      ...liveOutputs(live.doc, room).rca,
      exportedAt: new Date().toISOString(),
    }));
  return withStoredDoc(app.storage, room, (doc) => buildRcaExport(doc, { room }));
}

/**
 * An output rendered from the room's RCA export (`kind` names the renderer), once per board
 * version while the room is open: its "exported" time is when this version was first rendered.
 */
export async function readRendered(
  app: FastifyInstance,
  room: string,
  kind: string,
  render: (rca: RcaExport) => string,
): Promise<string> {
  if (!app.rooms.get(room)) return render(await readRcaExport(app, room));
  return app.rooms.withRoom(room, (live) => {
    const outputs = liveOutputs(live.doc, room);
    let text = outputs.rendered.get(kind);
    if (text === undefined) {
      text = render(outputs.rca);
      outputs.rendered.set(kind, text);
    }
    return text;
  });
}
