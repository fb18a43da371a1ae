/**
 * The REST gate: every route with a `:room` param needs a bearer token granting the role in
 * policy.ts. Runs onRequest, so a refused request's body is never read.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import { AccessDenied, type Auth } from './auth.ts';
import { requiredRole } from './policy.ts';
import { type Access, roleAtLeast } from './roles.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the guard on board routes. */
    access?: Access;
  }
}

/** `Authorization: Bearer <token>`; other schemes are ignored. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

/** Installs the gate; call before registering routes. */
export function registerRestGuard(app: FastifyInstance, auth: Auth): void {
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    const params = req.params as Record<string, unknown> | undefined;
    const room = params?.room;
    if (url === undefined || !url.startsWith('/api/') || typeof room !== 'string') return;
    const need = requiredRole(req.method, url);
    let access: Access;
    try {
      access = await auth.authenticate(room, bearerToken(req));
    } catch (err) {
      if (!(err instanceof AccessDenied)) throw err;
      throw new HttpError(err.status === 401 ? 'unauthorized' : 'forbidden', err.message);
    }
    if (!roleAtLeast(access.role, need))
      throw new HttpError(
        'forbidden',
        `this needs the ${need} role; your invite is ${access.role}`,
      );
    req.access = access;
  });
}
