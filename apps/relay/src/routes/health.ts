/** Liveness for load balancers and the test harness. */
import type { FastifyPluginAsync } from 'fastify';
import { errorBody } from './schemas.ts';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        response: {
          200: { type: 'object', properties: { ok: { type: 'boolean' } } },
          503: errorBody,
        },
      },
    },
    async (_req, reply) => {
      if (app.rooms.closing) {
        return reply.code(503).send({ error: 'shutting-down', message: 'relay is shutting down' });
      }
      return { ok: true };
    },
  );
};
