/** What the caller may do on a board, and the facilitator's invite links. */
import type { FastifyPluginAsync } from 'fastify';
import { HttpError } from '../errors.ts';
import { errorBody, type RoomParams, roomParams } from '../routes/schemas.ts';
import { OPEN_ACCESS, ROLES, type Role } from './roles.ts';

const MAX_TTL_HOURS = 24 * 90;

const inviteView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    role: { type: 'string' },
    subject: { type: 'string' },
    expiresAt: { type: 'string' },
    createdAt: { type: 'string' },
    createdBy: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
    active: { type: 'boolean' },
  },
} as const;

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const authRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room/access',
    {
      schema: {
        params: roomParams,
        response: {
          200: {
            type: 'object',
            properties: {
              auth: { type: 'string' },
              role: { type: 'string' },
              subject: { type: 'string' },
              maxUploadBytes: { type: 'integer' },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const access = req.access ?? OPEN_ACCESS;
      return {
        auth: app.auth.enabled ? 'on' : 'off',
        role: access.role,
        subject: access.subject,
        // The import dialog refuses a larger file up front instead of after previewing it.
        maxUploadBytes: app.config.maxUploadBytes,
      };
    },
  );

  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room/invites',
    {
      schema: {
        params: roomParams,
        response: { 200: { type: 'array', items: inviteView }, ...errors },
      },
    },
    async (req) => {
      const now = Date.now() / 1000;
      return (await app.auth.invites.list(req.params.room)).map((i) => ({
        ...i,
        expiresAt: new Date(i.expiresAt * 1000).toISOString(),
        active: i.revokedAt === null && i.expiresAt > now,
      }));
    },
  );

  app.post<{ Params: RoomParams; Body: { role: Role; subject: string; ttlHours?: number } }>(
    '/api/rooms/:room/invites',
    {
      schema: {
        params: roomParams,
        body: {
          type: 'object',
          required: ['role', 'subject'],
          additionalProperties: false,
          properties: {
            role: { type: 'string', enum: [...ROLES] },
            subject: { type: 'string', minLength: 1, maxLength: 100 },
            ttlHours: { type: 'integer', minimum: 1, maximum: MAX_TTL_HOURS },
          },
        },
        response: {
          201: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              token: { type: 'string' },
              role: { type: 'string' },
              subject: { type: 'string' },
              expiresAt: { type: 'string' },
            },
          },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { room } = req.params;
      if (!(await app.storage.hasRoom(room)))
        throw new HttpError('room-not-found', `room ${room} has never been stored`);
      const { role, subject, ttlHours = 24 * 7 } = req.body;
      const minted = await app.auth.mint({
        room,
        role,
        subject,
        ttlSeconds: ttlHours * 3600,
        createdBy: req.access?.subject ?? 'anonymous',
      });
      if (!minted)
        throw new HttpError(
          'auth-disabled',
          'invites need CAUSEWAY_SECRET; without it the board is open to this machine only',
        );
      const expiresAt = new Date(minted.expiresAt * 1000).toISOString();
      return reply.code(201).send({ id: minted.id, token: minted.token, role, subject, expiresAt });
    },
  );

  app.delete<{ Params: RoomParams & { id: string } }>(
    '/api/rooms/:room/invites/:id',
    {
      schema: {
        params: {
          type: 'object',
          required: ['room', 'id'],
          properties: { room: roomParams.properties.room, id: { type: 'string', maxLength: 64 } },
        },
        response: errors,
      },
    },
    async (req, reply) => {
      const { room, id } = req.params;
      if (!(await app.auth.revoke(room, id)))
        throw new HttpError('invite-not-found', `room ${room} has no live invite ${id}`);
      return reply.code(204).send();
    },
  );
};
