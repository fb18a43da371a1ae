/**
 * Liveness and readiness for load balancers and the test harness. `/healthz` says the process
 * serves (restart it when this fails). `/readyz` also says it has joined the other relays: it
 * fails until Redis has been reached once, so a new relay that cannot share boards is not
 * added. A Redis outage later does not fail it: every relay shares that Redis, so failing would
 * take all of them out of the balancer at once, while each still stores every edit and serves
 * its clients (who see one another, and the rest once Redis is back and the rooms resync).
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
    if (app.fanout && !app.fanout.everConnected) {
      throw new HttpError(
        'fanout-down',
        'Redis has not been reachable since this relay started: it would not share boards with the other relays',
      );
    }
    return { ok: true, fanout: fanoutState(app) };
  });
};
