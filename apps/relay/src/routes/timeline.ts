/** Timeline import into the live room: all rows or none, persisted and relayed before 201. */
import {
  addEvents,
  BoardError,
  type ImportResult,
  ORIGINS,
  parseTimelineCsv,
  parseTimelineJson,
  refusalSummary,
} from '@causeway/core';
import type { FastifyPluginAsync } from 'fastify';
import { HttpError } from '../errors.ts';
import { commitWithinCap } from '../limits/boardSize.ts';
import { errorBody, type RoomParams, roomParams } from './schemas.ts';

export interface TimelineRouteOptions {
  readonly maxUploadBytes: number;
}

const rowErrors = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          row: { type: 'integer' },
          reason: { type: 'string' },
          field: { type: 'string' },
        },
      },
    },
  },
} as const;

export const timelineRoutes: FastifyPluginAsync<TimelineRouteOptions> = async (app, opts) => {
  // Encapsulated: only this plugin accepts text/csv, and here text/plain is refused (415) so a
  // mislabelled upload is not guessed at.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.post<{ Params: RoomParams; Querystring: { zone?: string }; Body: string | unknown[] }>(
    '/api/rooms/:room/timeline',
    {
      bodyLimit: opts.maxUploadBytes,
      // The body's shape is checked here, not by a `body` schema: Ajv's coerceTypes:'array' would
      // wrap a lone object into an array or unwrap a one-row array, and rows are the importer's job.
      preValidation: async (req) => {
        const body: unknown = req.body;
        if (typeof body !== 'string' && !Array.isArray(body)) {
          throw new HttpError('invalid-body', 'body must be CSV text or a JSON array of events');
        }
      },
      schema: {
        params: roomParams,
        querystring: {
          type: 'object',
          properties: { zone: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: {
          201: { type: 'object', properties: { added: { type: 'integer' } } },
          400: rowErrors,
          401: errorBody,
          403: errorBody,
          404: errorBody,
          413: errorBody,
          415: errorBody,
        },
      },
    },
    async (req, reply) => {
      const { room } = req.params;
      if (!(await app.storage.hasRoom(room)) && !app.rooms.get(room)) {
        throw new HttpError('room-not-found', `room ${room} has never been stored`);
      }
      const options = req.query.zone === undefined ? {} : { zone: req.query.zone };
      const result: ImportResult =
        typeof req.body === 'string'
          ? parseTimelineCsv(req.body, options)
          : parseTimelineJson(req.body, options);
      if (!result.ok) {
        throw new HttpError(
          'invalid-rows',
          `${refusalSummary(result.errors)}; nothing was imported`,
          {
            rows: result.errors.map((e) => ({ ...e })),
          },
        );
      }
      const { events } = result;
      try {
        await app.rooms.withRoom(room, (live) =>
          commitWithinCap(
            live,
            app.boardSize,
            (doc) => addEvents(doc, events, ORIGINS.import),
            ORIGINS.import,
          ),
        );
      } catch (err) {
        if (err instanceof BoardError)
          throw new HttpError('invalid-rows', err.message, { rows: [] });
        throw err;
      }
      return reply.code(201).send({ added: events.length });
    },
  );
};
