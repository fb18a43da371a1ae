/** CSV downloads of the timeline and the action items (formula cells neutralised in core). */
import { actionItemsCsv, type RcaExport, timelineCsv } from '@causeway/core';
import type { FastifyPluginAsync } from 'fastify';
import { readRendered } from './boardRead.ts';
import { attachment, type RoomParams, roomErrors, roomParams } from './schemas.ts';

const FILES: readonly [string, (rca: RcaExport) => string][] = [
  ['timeline', timelineCsv],
  ['action-items', actionItemsCsv],
];

export const csvRoutes: FastifyPluginAsync = async (app) => {
  for (const [name, render] of FILES) {
    app.get<{ Params: RoomParams }>(
      `/api/rooms/:room/${name}.csv`,
      { schema: { params: roomParams, response: roomErrors } },
      async (req, reply) => {
        const { room } = req.params;
        const csv = await readRendered(app, room, `${name}.csv`, render);
        return reply
          .header('content-disposition', attachment(`causeway-${room}-${name}.csv`))
          .type('text/csv; charset=utf-8')
          .send(csv);
      },
    );
  }
};
