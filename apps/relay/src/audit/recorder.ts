/**
 * Writes an audit entry for every update applied to a loaded room: who (the socket's invite, or
 * the REST request's), when, how big, which Yjs clients, and which board areas it touched (from
 * the core's area observers, which run before the doc's update event).
 */
import { type BoardArea, ORIGINS, observeArea } from '@causeway/core';
import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import { currentRequestAccess } from '../auth/requestAccess.ts';
import { Connection } from '../rooms/connection.ts';
import { FROM_PEER, type Room } from '../rooms/room.ts';
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

/** The room hook that audits `room` into `store`; a failed write is logged, not fatal. */
export function auditRooms(store: AuditStore, log: FastifyBaseLogger): (room: Room) => void {
  return (room) => {
    const touched = new Set<string>();
    for (const area of AREAS) observeArea(room.doc, area, () => touched.add(area));
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const areas = touched.size > 0 ? [...touched] : ['other'];
      touched.clear();
      const access = origin instanceof Connection ? origin.access : currentRequestAccess();
      const clients = [...Y.parseUpdateMeta(update).from.keys()];
      const fallback = origin instanceof Connection ? [...origin.awarenessIds] : [];
      const entry = {
        at: new Date().toISOString(),
        subject: access?.subject ?? 'relay',
        role: access?.role ?? 'system',
        clients: clients.length > 0 ? clients : fallback,
        bytes: update.byteLength,
        areas,
        action: actionOf(origin),
      };
      store
        .add(room.name, entry)
        .catch((err: unknown) => log.error({ err, room: room.name }, 'audit entry not written'));
    });
  };
}
