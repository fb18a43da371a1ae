/** Creating a board and reading its meta. */
import {
  initBoard,
  newId,
  ORIGINS,
  readMeta,
  SEVERITIES,
  type Severity,
  TEMPLATE_IDS,
  templateById,
} from '@causeway/core';
import type { FastifyPluginAsync } from 'fastify';
import * as Y from 'yjs';
import { readBoardState } from './boardRead.ts';
import { errorBody, type RoomParams, roomErrors, roomParams } from './schemas.ts';

interface CreateBody {
  readonly title: string;
  readonly incidentId: string;
  readonly severity: Severity;
  readonly problem?: string;
  /** A template id (templates.ts); absent for the default categories. */
  readonly template?: string;
  /** The creator's name, the subject of the facilitator token they get back. */
  readonly creator?: string;
}

const metaSchema = {
  type: 'object',
  properties: {
    room: { type: 'string' },
    title: { type: 'string' },
    incidentId: { type: 'string' },
    severity: { type: 'string' },
    problem: { type: 'string' },
    rootCause: { type: 'string' },
    createdAt: { type: 'string' },
    template: { type: 'string' },
  },
} as const;

export const roomRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: CreateBody }>(
    '/api/rooms',
    {
      schema: {
        body: {
          type: 'object',
          required: ['title', 'incidentId', 'severity'],
          additionalProperties: false,
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 200 },
            incidentId: { type: 'string', maxLength: 100 },
            severity: { type: 'string', enum: [...SEVERITIES] },
            problem: { type: 'string', maxLength: 5000 },
            template: { type: 'string', enum: TEMPLATE_IDS },
            creator: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
        response: {
          201: {
            type: 'object',
            properties: { room: { type: 'string' }, token: { type: 'string' } },
          },
          400: errorBody,
        },
      },
    },
    async (req, reply) => {
      const room = newId('room');
      const doc = new Y.Doc();
      try {
        const { title, incidentId, severity, problem, template } = req.body;
        initBoard(
          doc,
          {
            title,
            incidentId,
            severity,
            ...(problem === undefined ? {} : { problem }),
            ...(template === undefined ? {} : { template }),
          },
          ORIGINS.system,
          templateById(template ?? '').categories,
        );
        await app.storage.appendUpdate(room, Y.encodeStateAsUpdate(doc));
      } finally {
        doc.destroy();
      }
      req.log.info({ room }, 'room created');
      // With auth on, the creator is the board's first facilitator (a 30-day invite).
      const creator = req.body.creator ?? 'board creator';
      const invite = await app.auth.mint({
        room,
        role: 'facilitator',
        subject: creator,
        ttlSeconds: 30 * 24 * 3600,
        createdBy: creator,
      });
      return reply.code(201).send(invite ? { room, token: invite.token } : { room });
    },
  );

  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room',
    { schema: { params: roomParams, response: { 200: metaSchema, ...roomErrors } } },
    async (req) => {
      return { room: req.params.room, ...(await readBoardState(app, req.params.room, readMeta)) };
    },
  );
};
