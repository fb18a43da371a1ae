/**
 * `GET /api/metrics?from=&to=`: metrics across every stored board, per quarter. Each board's
 * summary is cached under its storage version, so an unchanged board is not even loaded again.
 * `boards` counts every stored board, whatever the range; `quarters[].incidents` are the ones in it.
 */

import { timingSafeEqual } from 'node:crypto';
import {
  type BoardSummary,
  computeTrends,
  rangeBoundMessage,
  readMeta,
  readTimeline,
  summariseTimeline,
} from '@causeway/core';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import * as Y from 'yjs';
import { bearerToken } from '../auth/guard.ts';
import { HttpError } from '../errors.ts';
import { withDoc } from '../rooms/stored.ts';
import { errorBody } from './schemas.ts';

const stats = {
  type: 'object',
  properties: {
    n: { type: 'integer' },
    mean: { type: ['number', 'null'] },
    median: { type: ['number', 'null'] },
    p90: { type: ['number', 'null'] },
    missing: { type: 'integer' },
    outOfOrder: { type: 'integer' },
  },
} as const;

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const trendsRoutes: FastifyPluginAsync = async (app) => {
  /**
   * Trends span every board, so no board invite covers them: with invites on, only the holder of
   * CAUSEWAY_TRENDS_TOKEN may read them (refused outright when it is unset).
   */
  function checkAccess(req: FastifyRequest): void {
    if (!app.auth.enabled) return;
    const want = app.config.trendsToken;
    const got = bearerToken(req);
    if (!want) {
      throw new HttpError(
        'forbidden',
        'trends across boards are off while invites are required; set CAUSEWAY_TRENDS_TOKEN',
      );
    }
    if (!got || !sameSecret(got, want)) {
      throw new HttpError('forbidden', 'trends need the CAUSEWAY_TRENDS_TOKEN bearer token');
    }
  }

  // Keyed by the room's storage version (its highest seq): an unchanged board costs nothing, not
  // even loading its log, which for a large board is most of the time a summary takes.
  const cache = new Map<string, { readonly version: number; readonly summary: BoardSummary }>();

  async function summaryOf(room: string, version: number): Promise<BoardSummary | null> {
    const hit = cache.get(room);
    if (hit && hit.version === version) return hit.summary;
    const log = await app.storage.loadLog(room);
    if (log.updates.length === 0) return null;
    const state = Y.mergeUpdates([...log.updates]);
    const summary = withDoc(state, (doc) => {
      const meta = readMeta(doc);
      return summariseTimeline({
        room,
        title: meta.title,
        createdAt: meta.createdAt,
        timeline: readTimeline(doc),
      });
    });
    // Stored under the version read before loading: an update that lands meanwhile moves the
    // version on, so the next call reads the board again.
    cache.set(room, { version, summary });
    return summary;
  }

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/api/metrics',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            // Checked in the handler: a schema pattern would answer with the raw regex.
            from: { type: 'string', maxLength: 64 },
            to: { type: 'string', maxLength: 64 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              from: { type: ['string', 'null'] },
              to: { type: ['string', 'null'] },
              boards: { type: 'integer' },
              undated: { type: 'integer' },
              quarters: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    quarter: { type: 'string' },
                    incidents: { type: 'integer' },
                    metrics: { type: 'object', additionalProperties: stats },
                  },
                },
              },
            },
          },
          400: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => {
      checkAccess(req);
      // An empty value (`?from=&to=`, as a form sends it) means "not set".
      const from = req.query.from?.trim() || undefined;
      const to = req.query.to?.trim() || undefined;
      // invalid-body like the schema's own refusals of the query (docs/api.md, error table).
      for (const [k, v] of [
        ['from', from],
        ['to', to],
      ] as const) {
        const message = v === undefined ? null : rangeBoundMessage(k, v);
        if (message) throw new HttpError('invalid-body', message);
      }
      if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
        throw new HttpError('invalid-body', `from (${from}) is later than to (${to})`);
      }
      const versions = await app.storage.roomVersions();
      const summaries: BoardSummary[] = [];
      for (const [room, version] of [...versions].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const s = await summaryOf(room, version);
        if (s) summaries.push(s);
      }
      for (const room of cache.keys()) if (!versions.has(room)) cache.delete(room);
      const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
      return { ...computeTrends(summaries, range), boards: summaries.length };
    },
  );
};
