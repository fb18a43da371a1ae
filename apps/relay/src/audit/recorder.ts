/**
 * Writes an audit entry for every update applied to a loaded room: who (the socket's invite, or
 * the REST request's), when, how big, which Yjs clients, and which board areas it touched (from
 * the core's area observers, which run before the doc's update event).
 */
import { areaOfRootKey, type BoardArea, ORIGINS, observeArea } from '@causeway/core';
import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import { currentRequestAccess } from '../auth/requestAccess.ts';
import type { DecodedUpdate } from '../protocol/handlers.ts';
import { Connection } from '../rooms/connection.ts';
import { FROM_PEER, type Room, SocketTurn } from '../rooms/room.ts';
import type { AuditStore } from './auditStore.ts';

const AREAS: readonly BoardArea[] = ['meta', 'timeline', 'whys', 'fishbone', 'actionItems'];

/** Transaction origin of a restore-to-snapshot; the action is recorded as `restore`. */
export const RESTORE_ORIGIN = 'causeway:restore';

function actionOf(origin: unknown): string {
  if (origin instanceof Connection) return 'edit';
  if (origin === ORIGINS.import) return 'import';
  if (origin === RESTORE_ORIGIN) return 'restore';
  // Applied here after another relay stored it; that relay's log names who made it.
  if (origin === FROM_PEER) return 'peer';
  return 'system';
}

/** The audited area of the root type holding `id` in `doc`, if the doc holds it. */
function areaOf(doc: Y.Doc, id: Y.ID): BoardArea | undefined {
  // A delete of something the doc never held (getItem would throw, building a stack trace).
  if (id.clock >= Y.getState(doc.store, id.client)) return undefined;
  let key: string;
  try {
    const item = Y.getItem(doc.store, id);
    let type = item instanceof Y.Item ? (item.parent as Y.AbstractType<unknown> | null) : null;
    while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null;
    if (!type) return undefined;
    key = Y.findRootTypeKey(type);
  } catch {
    return undefined; // not where Yjs keeps its own items (never made by Yjs)
  }
  const area = areaOfRootKey(key);
  return area && AREAS.includes(area) ? area : undefined;
}

/**
 * The areas one update of a socket turn touched, from its own items and deletions (the area
 * observers see the whole turn's transaction): as the observers would have said had it been
 * applied alone.
 */
function areasOfUpdate(doc: Y.Doc, decoded: DecodedUpdate): string[] {
  const touched = new Set<BoardArea>();
  const add = (area: BoardArea | undefined) => area && touched.add(area);
  for (const s of decoded.structs) if (s instanceof Y.Item) add(areaOf(doc, s.id));
  for (const [client, deletes] of decoded.ds.clients)
    for (const d of deletes) add(areaOf(doc, Y.createID(client, d.clock)));
  return touched.size > 0 ? AREAS.filter((a) => touched.has(a)) : ['other'];
}

/** The room hook that audits `room` into `store`; a failed write is logged, not fatal. */
export function auditRooms(store: AuditStore, log: FastifyBaseLogger): (room: Room) => void {
  return (room) => {
    const touched = new Set<string>();
    for (const area of AREAS) observeArea(room.doc, area, () => touched.add(area));
    /** One entry: `origin` made `update`; `areas` unless computed from `decoded`. */
    const record = (update: Uint8Array, origin: unknown, areas: () => string[]) => {
      const access = origin instanceof Connection ? origin.access : currentRequestAccess();
      const clients = [...Y.parseUpdateMeta(update).from.keys()];
      const fallback = origin instanceof Connection ? [...origin.awarenessIds] : [];
      const entry = {
        at: new Date().toISOString(),
        subject: access?.subject ?? 'relay',
        role: access?.role ?? 'system',
        clients: clients.length > 0 ? clients : fallback,
        bytes: update.byteLength,
        areas: areas(),
        action: actionOf(origin),
      };
      store
        .add(room.name, entry)
        .catch((err: unknown) => log.error({ err, room: room.name }, 'audit entry not written'));
    };
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_PEER && store.sharedByRelays) {
        touched.clear();
        return;
      }
      const areas = touched.size > 0 ? [...touched] : ['other'];
      touched.clear();
      // A turn of socket updates applied together: still one entry per update, named by its
      // own socket, as when each had its own transaction.
      if (origin instanceof SocketTurn) {
        for (const q of origin.applied) {
          // An empty update (a client's sync answer when it had nothing new) changes nothing;
          // alone it fires no update event, so it must not be recorded when it shares a turn.
          if (q.decoded.structs.length === 0 && q.decoded.ds.clients.size === 0) continue;
          record(q.update, q.conn, () => areasOfUpdate(room.doc, q.decoded));
        }
      } else record(update, origin, () => areas);
    });
  };
}
