/** The y-websocket endpoint: `new WebsocketProvider('ws://host/sync', room, doc)`. */
import type { FastifyPluginAsync } from 'fastify';
import { CLOSE, closeReason } from '../errors.ts';
import { isRoomId } from '../rooms/roomId.ts';
import { attachSocket } from '../rooms/session.ts';

export const syncRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { room: string } }>('/sync/:room', { websocket: true }, (socket, req) => {
    const { room } = req.params;
    // Upgrade first and close with a 44xx code: a refused upgrade would make the client retry forever.
    if (!isRoomId(room)) {
      socket.close(
        CLOSE.invalidRoom,
        closeReason(`invalid room id: must match [A-Za-z0-9_-]{1,64}`),
      );
      return;
    }
    attachSocket(app.rooms, room, socket, req.log);
  });
};
