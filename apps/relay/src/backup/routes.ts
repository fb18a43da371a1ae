/** One board's backup over HTTP (facilitator), so a board can move between running relays. */
import type { FastifyPluginAsync } from 'fastify';
import * as Y from 'yjs';
import { actingAs } from '../auth/requestAccess.ts';
import { HttpError } from '../errors.ts';
import { errorBody, type RoomParams, roomParams } from '../routes/schemas.ts';
import { backupBoard, boardState, bundle, parseBackup, restoreRecords } from './bundle.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 413: errorBody };

export interface BackupRouteOptions {
  /** Largest accepted backup body; a board's cap in base64 plus its snapshots. */
  readonly maxBackupBytes: number;
}

export const backupRoutes: FastifyPluginAsync<BackupRouteOptions> = async (app, opts) => {
  const sources = () => ({ storage: app.storage, invites: app.auth.invites, audit: app.audit });

  app.get<{ Params: RoomParams }>(
    '/api/rooms/:room/backup',
    { schema: { params: roomParams, response: errors } },
    async (req, reply) => {
      const { room } = req.params;
      const board = await backupBoard(sources(), room);
      if (!board) throw new HttpError('room-not-found', `room ${room} has never been stored`);
      return reply
        .header('content-disposition', `attachment; filename="causeway-${room}-backup.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(bundle([board])));
    },
  );

  app.put<{ Params: RoomParams; Body: unknown }>(
    '/api/rooms/:room/backup',
    { bodyLimit: opts.maxBackupBytes, schema: { params: roomParams, response: errors } },
    async (req, reply) => {
      const { room } = req.params;
      let board: ReturnType<typeof parseBackup>['boards'][number] | undefined;
      try {
        const backup = parseBackup(req.body);
        if (backup.boards.length !== 1) throw new Error('send a backup of exactly one board');
        board = backup.boards[0];
      } catch (err) {
        throw new HttpError('invalid-body', (err as Error).message);
      }
      if (!board) throw new HttpError('invalid-body', 'empty backup');
      const state = boardState(board);
      // Into the live room: connected clients merge the restored state like any other update.
      await app.rooms.withRoom(room, (live) =>
        actingAs(req.access, () => Y.applyUpdate(live.doc, state)),
      );
      await restoreRecords(sources(), board, room);
      return reply.code(204).send();
    },
  );
};
