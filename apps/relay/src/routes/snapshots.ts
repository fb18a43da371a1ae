/** Labelled, immutable copies of a board's state, and their exports. */
import { buildRcaExport, newId } from '@causeway/core';
import type { FastifyPluginAsync } from 'fastify';
import * as Y from 'yjs';
import { HttpError } from '../errors.ts';
import { ROOM_ID_PATTERN } from '../rooms/roomId.ts';
import { storedState, withDoc } from '../rooms/stored.ts';
import { attachment, errorBody, type RoomParams, roomErrors, roomParams } from './schemas.ts';

const snapshotParams = {
  type: 'object',
  required: ['room', 'id'],
  properties: {
    room: roomParams.properties.room,
    id: { type: 'string', pattern: ROOM_ID_PATTERN },
  },
} as const;

const snapshotMeta = {
  type: 'object',
  properties: { id: { type: 'string' }, label: { type: 'string' }, createdAt: { type: 'string' } },
} as const;

export const snapshotRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Params: RoomParams; Body: { label: string } }>(
    '/api/rooms/:room/snapshots',
    {
      schema: {
        params: roomParams,
        body: {
          type: 'object',
          required: ['label'],
          additionalProperties: false,
          properties: { label: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: {
          201: {
            type: 'object',
            properties: { id: { type: 'string' }, createdAt: { type: 'string' } },
          },
          ...roomErrors,
        },
      },
    },
    async (req, reply) => {
      const { room } = req.params;
      // A live board is already decoded; re-reading a 50,000-event log costs seconds.
      const state = app.rooms.get(room)
        ? await app.rooms.withRoom(room, (live) => Y.encodeStateAsUpdate(live.doc))
        : await storedState(app.storage, room);
      const snapshot = {
        id: newId('snap'),
        label: req.body.label,
        createdAt: new Date().toISOString(),
        state,
      };
      await app.storage.saveSnapshot(room, snapshot);
      return reply.code(201).send({ id: snapshot.id, createdAt: snapshot.createdAt });
    },
  );

  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room/snapshots',
    {
      schema: {
        params: roomParams,
        response: { 200: { type: 'array', items: snapshotMeta }, ...roomErrors },
      },
    },
    async (req) => {
      const { room } = req.params;
      if (!(await app.storage.hasRoom(room))) {
        throw new HttpError('room-not-found', `room ${room} has never been stored`);
      }
      return app.storage.listSnapshots(room);
    },
  );

  app.get<{ Params: RoomParams & { id: string } }>(
    '/api/rooms/:room/snapshots/:id/export',
    { schema: { params: snapshotParams, response: { 400: errorBody, 404: errorBody } } },
    async (req, reply) => {
      const { room, id } = req.params;
      const snap = await app.storage.getSnapshot(room, id);
      if (!snap) throw new HttpError('snapshot-not-found', `room ${room} has no snapshot ${id}`);
      const info = { id: snap.id, label: snap.label, createdAt: snap.createdAt };
      const body = withDoc(snap.state, (doc) => buildRcaExport(doc, { room, snapshot: info }));
      return reply
        .header('content-disposition', attachment(`causeway-${room}-${id}-rca.json`))
        .type('application/json; charset=utf-8')
        .send(body);
    },
  );
};
