/**
 * Liveness and readiness for load balancers and the test harness. `/healthz` says the process
 * serves (restart it when this fails); `/readyz` also says it shares boards with the other relays
 * (route new clients elsewhere while it fails: a relay cut off from Redis still stores every edit,
 * but its clients and other relays' clients do not see each other's edits live).
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { HttpError } from '../errors.ts';
import { errorBody } from './schemas.ts';

const schema = {
  response: {
    200: {
      type: 'object',
      properties: {
        ok: { type: 'boolean' },
        fanout: { type: 'string', enum: ['up', 'down', 'off'] },
      },
    },
    503: errorBody,
  },
} as const;

/** Whether the Redis bus is connected, or `off` for a relay on its own. */
function fanoutState(app: FastifyInstance): 'up' | 'down' | 'off' {
  if (app.fanout === null) return 'off';
  return app.fanout.connected ? 'up' : 'down';
}

function serving(app: FastifyInstance): void {
  if (app.rooms.closing) throw new HttpError('shutting-down', 'relay is shutting down');
}

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema }, async () => {
    serving(app);
    return { ok: true, fanout: fanoutState(app) };
  });
  app.get('/readyz', { schema }, async () => {
    serving(app);
    const fanout = fanoutState(app);
    if (fanout === 'down') {
      throw new HttpError(
        'fanout-down',
        'Redis is unreachable: boards here are stored but not shared live with other relays',
      );
    }
    return { ok: true, fanout };
  });
};
