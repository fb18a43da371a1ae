/** The RCA export of a room's current (persisted) state, as a JSON download. */
import type { FastifyPluginAsync } from 'fastify';
import { readRcaExport } from './boardRead.ts';
import { attachment, type RoomParams, roomErrors, roomParams } from './schemas.ts';

export const exportRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room/export',
    { schema: { params: roomParams, response: roomErrors } },
    async (req, reply) => {
      const { room } = req.params;
      const body = await readRcaExport(app, room);
      return reply
        .header('content-disposition', attachment(`causeway-${room}-rca.json`))
        .type('application/json; charset=utf-8')
        .send(body);
    },
  );
};
