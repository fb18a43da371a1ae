/** The built web app at `/`, with `/r/*` and `/trends` answered by index.html (client-side routing). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface WebRouteOptions {
  readonly webDist: string;
}

const NOT_BUILT =
  'The Causeway web app is not built. Run `pnpm --filter @causeway/web build` (the root `pnpm start` does it for you), then restart the relay.\n';

export const webRoutes: FastifyPluginAsync<WebRouteOptions> = async (app, opts) => {
  // Checked once at start: the relay serves whatever dist existed when it booted.
  if (!existsSync(join(opts.webDist, 'index.html'))) {
    app.log.warn({ webDist: opts.webDist }, 'web app not built; / answers 503');
    const notBuilt = async (_req: unknown, reply: import('fastify').FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    app.get('/', notBuilt);
    app.get('/r/*', notBuilt);
    app.get('/trends', notBuilt);
    return;
  }
  await app.register(fastifyStatic, { root: opts.webDist, prefix: '/' });
  app.get('/r/*', (_req, reply) => reply.sendFile('index.html'));
  app.get('/trends', (_req, reply) => reply.sendFile('index.html'));
};
