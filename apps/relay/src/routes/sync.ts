/** The y-websocket endpoint: `new WebsocketProvider('ws://host/sync', room, doc, {params: {token}})`. */
import type { FastifyPluginAsync } from 'fastify';
import { admitSocket } from '../auth/socketGate.ts';
import { CLOSE, closeReason } from '../errors.ts';
import { socketLimits } from '../limits/socketLimits.ts';
import { isRoomId } from '../rooms/roomId.ts';
import { attachSocket } from '../rooms/session.ts';

export const syncRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { room: string }; Querystring: { token?: string } }>(
    '/sync/:room',
    { websocket: true },
    async (socket, req) => {
      const { room } = req.params;
      // Upgrade first and close with a 44xx code: a refused upgrade would make the client retry forever.
      if (!isRoomId(room)) {
        socket.close(
          CLOSE.invalidRoom,
          closeReason(`invalid room id: must match [A-Za-z0-9_-]{1,64}`),
        );
        return;
      }
      const token = typeof req.query.token === 'string' ? req.query.token : undefined;
      const admitted = await admitSocket(app.auth, socket, room, token, req.log);
      if (!admitted || socket.readyState !== socket.OPEN) return;
      const untrack = app.auth.track(admitted.access, () =>
        socket.close(CLOSE.unauthorized, 'invite revoked'),
      );
      socket.once('close', untrack);
      // Revoked (here or on another relay) while its token was being looked up.
      if (socket.readyState !== socket.OPEN) return;
      attachSocket(app.rooms, room, socket, req.log, {
        access: admitted.access,
        pending: admitted.pending,
        ...socketLimits(app.config, app.boardSize),
      });
    },
  );
};
