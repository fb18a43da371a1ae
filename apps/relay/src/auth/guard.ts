/**
 * The REST gate: every route with a `:room` param needs a bearer token granting the role in
 * policy.ts. Runs preParsing: before the body is read (a refused request's body never is), and
 * after the per-client REST budget, which @fastify/rate-limit checks in each route's own
 * onRequest hook (an app-level onRequest gate ran first, so refused requests, each a token
 * lookup, were never counted).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import { AccessDenied, type Auth } from './auth.ts';
import { requiredRole } from './policy.ts';
import { runWithRequestScope, setRequestAccess } from './requestAccess.ts';
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
  app.addHook('onRequest', (_req, _reply, done) => runWithRequestScope(done));
  app.addHook('preParsing', async (req, _reply, payload) => {
    const url = req.routeOptions.url;
    const params = req.params as Record<string, unknown> | undefined;
    const room = params?.room;
    if (url === undefined || !url.startsWith('/api/') || typeof room !== 'string') return payload;
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
    setRequestAccess(access);
    return payload;
  });
}
