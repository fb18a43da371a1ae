/** Deleting a board (facilitator): its sockets are closed 4410, then its data is removed. */
import type { FastifyPluginAsync } from 'fastify';
import { CLOSE, HttpError } from '../errors.ts';
import { errorBody, type RoomParams, roomParams } from './schemas.ts';

export const deleteRoomRoutes: FastifyPluginAsync = async (app) => {
  app.delete<{ Params: RoomParams }>(
    '/api/rooms/:room',
    {
      schema: {
        params: roomParams,
        response: { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const { room } = req.params;
      if (!(await app.storage.hasRoom(room)) && !app.rooms.get(room))
        throw new HttpError('room-not-found', `room ${room} has never been stored`);
      // Other relays sharing the board close their sockets and stop storing it first, then
      // sweep any row they were writing (Room.remoteDelete), so it cannot come back from them.
      app.rooms.announceDelete(room);
      const live = app.rooms.get(room);
      if (live)
        app.rooms.evict(live, CLOSE.boardDeleted, 'this board was deleted by its facilitator');
      // The unload compacts into storage; delete only after it, or the board would come back.
      await app.rooms.idle();
      await app.storage.deleteRoom(room);
      await app.auth.invites.deleteRoom(room);
      await app.audit.deleteRoom(room);
      req.log.info({ room, by: req.access?.subject }, 'room deleted');
      return reply.code(204).send();
    },
  );
};
