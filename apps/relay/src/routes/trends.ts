/**
 * `GET /api/metrics?from=&to=`: metrics across every stored board, per quarter. Each board's
 * summary is cached under its state vector, so an unchanged board is not decoded again.
 */

import { timingSafeEqual } from 'node:crypto';
import {
  type BoardSummary,
  computeTrends,
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

const DATE_OR_INSTANT = '^\\d{4}-\\d{2}-\\d{2}(?:T[0-9:.]+(?:Z|[+-]\\d{2}:?\\d{2}))?$';

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

  const cache = new Map<string, { readonly vector: string; readonly summary: BoardSummary }>();

  async function summaryOf(room: string): Promise<BoardSummary | null> {
    const log = await app.storage.loadLog(room);
    if (log.updates.length === 0) return null;
    const state = Y.mergeUpdates([...log.updates]);
    const vector = Buffer.from(Y.encodeStateVectorFromUpdate(state)).toString('base64');
    const hit = cache.get(room);
    if (hit && hit.vector === vector) return hit.summary;
    const summary = withDoc(state, (doc) => {
      const meta = readMeta(doc);
      return summariseTimeline({
        room,
        title: meta.title,
        createdAt: meta.createdAt,
        timeline: readTimeline(doc),
      });
    });
    cache.set(room, { vector, summary });
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
            from: { type: 'string', pattern: DATE_OR_INSTANT },
            to: { type: 'string', pattern: DATE_OR_INSTANT },
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
      const { from, to } = req.query;
      for (const [k, v] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (v !== undefined && Number.isNaN(Date.parse(v))) {
          throw new HttpError('invalid-params', `${k} is not a real date: ${v}`);
        }
      }
      const rooms = await app.storage.listRooms();
      const summaries: BoardSummary[] = [];
      for (const room of rooms) {
        const s = await summaryOf(room);
        if (s) summaries.push(s);
      }
      for (const room of cache.keys()) if (!rooms.includes(room)) cache.delete(room);
      const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
      return { ...computeTrends(summaries, range), boards: summaries.length };
    },
  );
};
