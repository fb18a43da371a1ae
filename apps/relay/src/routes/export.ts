/** The RCA export of a room's current (persisted) state, as a JSON download. */
import { buildRcaExport } from '@causeway/core';
import type { FastifyPluginAsync } from 'fastify';
import { storedState, withDoc } from '../rooms/stored.ts';
import { attachment, type RoomParams, roomErrors, roomParams } from './schemas.ts';

export const exportRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room/export',
    { schema: { params: roomParams, response: roomErrors } },
    async (req, reply) => {
      const { room } = req.params;
      const state = await storedState(app.storage, room);
      const body = withDoc(state, (doc) => buildRcaExport(doc, { room }));
      return reply
        .header('content-disposition', attachment(`causeway-${room}-rca.json`))
        .type('application/json; charset=utf-8')
        .send(body);
    },
  );
};
