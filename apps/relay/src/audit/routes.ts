/** The audit log (facilitator) and restore-to-snapshot as a new, audited change. */
import type { FastifyPluginAsync } from 'fastify';
import * as Y from 'yjs';
import { actingAs } from '../auth/requestAccess.ts';
import { HttpError } from '../errors.ts';
import { ROOM_ID_PATTERN } from '../rooms/roomId.ts';
import { errorBody, type RoomParams, roomParams } from '../routes/schemas.ts';
import { RESTORE_ORIGIN } from './recorder.ts';
import { restoreUpdate } from './restore.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export const auditRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: RoomParams; Querystring: { limit?: number; before?: number } }>(
    '/api/rooms/:room/audit',
    {
      schema: {
        params: roomParams,
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            before: { type: 'integer', minimum: 1 },
          },
        },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                seq: { type: 'integer' },
                at: { type: 'string' },
                subject: { type: 'string' },
                role: { type: 'string' },
                clients: { type: 'array', items: { type: 'number' } },
                bytes: { type: 'integer' },
                areas: { type: 'array', items: { type: 'string' } },
                action: { type: 'string' },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const { room } = req.params;
      if (!(await app.storage.hasRoom(room)))
        throw new HttpError('room-not-found', `room ${room} has never been stored`);
      return app.audit.list(room, req.query.limit ?? 200, req.query.before);
    },
  );

  app.post<{ Params: RoomParams & { id: string } }>(
    '/api/rooms/:room/snapshots/:id/restore',
    {
      schema: {
        params: {
          type: 'object',
          required: ['room', 'id'],
          properties: {
            room: roomParams.properties.room,
            id: { type: 'string', pattern: ROOM_ID_PATTERN },
          },
        },
        response: {
          200: { type: 'object', properties: { bytes: { type: 'integer' } } },
          ...errors,
        },
      },
    },
    async (req) => {
      const { room, id } = req.params;
      const snap = await app.storage.getSnapshot(room, id);
      if (!snap) throw new HttpError('snapshot-not-found', `room ${room} has no snapshot ${id}`);
      // On the live room, so connected clients receive the change like any other edit.
      const bytes = await app.rooms.withRoom(room, (live) => {
        const update = restoreUpdate(live.doc, snap.state);
        actingAs(req.access, () => Y.applyUpdate(live.doc, update, RESTORE_ORIGIN));
        return update.byteLength;
      });
      return { bytes };
    },
  );
};
