/** The review report of a room's persisted state, as Markdown (download) and print-ready HTML. */
import { REPORT_CSP, reportHtml, reportMarkdown } from '@causeway/core';
import type { FastifyPluginAsync } from 'fastify';
import { readRendered } from './boardRead.ts';
import { attachment, type RoomParams, roomErrors, roomParams } from './schemas.ts';

export const reportRoutes: FastifyPluginAsync = async (app) => {
  const schema = { params: roomParams, response: roomErrors };

  app.get<{ Params: RoomParams }>('/api/rooms/:room/report.md', { schema }, async (req, reply) => {
    const { room } = req.params;
    const markdown = await readRendered(app, room, 'report.md', reportMarkdown);
    return reply
      .header('content-disposition', attachment(`causeway-${room}-report.md`))
      .type('text/markdown; charset=utf-8')
      .send(markdown);
  });

  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room/report.html',
    { schema },
    async (req, reply) => {
      const { room } = req.params;
      const html = await readRendered(app, room, 'report.html', reportHtml);
      // Shown in the browser (to print), not downloaded; the policy forbids any script on the page.
      return reply
        .header('content-security-policy', REPORT_CSP)
        .header('x-content-type-options', 'nosniff')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );
};
