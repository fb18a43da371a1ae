/**
 * HTTP-level defences: security headers with a strict Content-Security-Policy, no cross-origin
 * access unless CAUSEWAY_CORS_ORIGINS lists the origin, and a per-IP request budget on /api.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';

/**
 * The board loads only its own bundle: scripts, styles, sockets and fetches from this origin. React
 * and React Flow set styles through the CSSOM (element.style), which CSP does not govern, so no
 * 'unsafe-inline' is needed; the favicon is a data: URL.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Off: on plain-http LAN deployments it would rewrite the board's own requests to https.
  upgradeInsecureRequests: null,
};

/**
 * True when the request comes from a page served by this relay. `req.host` is the Host header,
 * or X-Forwarded-Host from a trusted proxy (CAUSEWAY_TRUST_PROXY) that rewrites Host.
 */
function sameOrigin(req: FastifyRequest, origin: string): boolean {
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

export interface HttpLimits {
  readonly corsOrigins: readonly string[];
  readonly restRequestsPerMinute: number;
}

/** Registers headers, CORS, the origin check and the REST rate limit; call before routes. */
export async function registerHttpLimits(app: FastifyInstance, opts: HttpLimits): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  });
  if (opts.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...opts.corsOrigins],
      allowedHeaders: ['authorization', 'content-type'],
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
    });
  }
  // Browsers attach Origin to cross-site fetches and to every WebSocket; a page elsewhere must
  // not drive this relay with the user's network position (the open, loopback-only mode).
  const allowed = new Set(opts.corsOrigins);
  app.addHook('onRequest', async (req) => {
    const origin = req.headers.origin;
    if (origin === undefined || sameOrigin(req, origin) || allowed.has(origin)) return;
    throw new HttpError('origin-not-allowed', `requests from ${origin} are not allowed`);
  });
  await app.register(rateLimit, {
    global: true,
    max: opts.restRequestsPerMinute,
    timeWindow: 60_000,
    // Sockets have their own per-message limit; the web app's files are static and cached.
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) =>
      new HttpError('rate-limited', `too many requests; retry in ${ctx.after}`),
  });
}
