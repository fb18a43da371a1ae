/**
 * Binds one accepted socket to its room: frames that arrive while the room loads are queued and
 * handled, in order, once the stored state is in; a bad frame closes only this socket.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { Access } from '../auth/roles.ts';
import { CLOSE, ProtocolError } from '../errors.ts';
import { readFrame, type UpdateQueue } from '../protocol/handlers.ts';
import { isEmptySyncStep1 } from '../protocol/messages.ts';
import { Connection } from './connection.ts';
import type { RoomRegistry } from './registry.ts';
import type { Room } from './room.ts';

/** What the gate in front of the socket decided, and the limits it applies per frame. */
export interface SocketOptions {
  readonly access?: Access;
  /** Frames that arrived before the socket was authorised, handled first. */
  readonly pending?: ReadonlyArray<[RawData, boolean]>;
  /** Sees every frame on arrival; throws a ProtocolError to close the socket (rate limits). */
  readonly checkFrame?: (bytes: number) => void;
  /** Decides whether an update may apply to `room` (roles, board size); see FrameContext. */
  readonly admitUpdate?: (room: Room, conn: Connection, update: Uint8Array) => 'apply' | 'deny';
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Serves y-websocket on `socket` for room `name` (already validated). */
export function attachSocket(
  rooms: RoomRegistry,
  name: string,
  socket: WebSocket,
  log: FastifyBaseLogger,
  opts: SocketOptions = {},
): void {
  const conn = new Connection(socket, opts.access);
  if (rooms.closing) {
    conn.close(CLOSE.goingAway, 'relay shutting down');
    return;
  }
  const room = rooms.join(name, conn);
  let queue: Array<[RawData, boolean]> | null = [...(opts.pending ?? [])];
  const admit = opts.admitUpdate;
  const admitUpdate = admit && ((update: Uint8Array) => admit(room, conn, update));

  const drop = (err: ProtocolError) => {
    log.warn({ room: name, code: err.closeCode, reason: err.message }, 'closing socket');
    conn.close(err.closeCode, err.message);
    rooms.leave(room, conn);
  };
  // This socket's validated updates join the room's transaction for the turn.
  const updates: UpdateQueue = {
    get depth() {
      return room.queuedDepth;
    },
    add: (update, decoded, depth) =>
      room.queueUpdate(
        {
          conn,
          update,
          decoded,
          onError: (err) =>
            drop(
              new ProtocolError(
                CLOSE.malformedFrame,
                `malformed frame: Yjs update failed to apply (${(err as Error).message})`,
              ),
            ),
        },
        depth,
      ),
    settle: () => room.applyQueued(),
  };

  const handle = (data: RawData, isBinary: boolean) => {
    if (!room.connections.has(conn)) return;
    try {
      if (!isBinary)
        throw new ProtocolError(
          CLOSE.malformedFrame,
          'malformed frame: text frames are not supported',
        );
      const bytes = toBytes(data);
      if (isEmptySyncStep1(bytes)) {
        room.sendAfterFlush(conn, room.fullStateReply());
        return;
      }
      const reply = readFrame(
        {
          doc: room.doc,
          awareness: room.awareness,
          origin: conn,
          queue: updates,
          ...(admitUpdate ? { admitUpdate } : {}),
        },
        bytes,
      );
      if (reply) room.sendAfterFlush(conn, reply);
    } catch (err) {
      drop(
        err instanceof ProtocolError ? err : new ProtocolError(CLOSE.malformedFrame, String(err)),
      );
    }
  };

  socket.on('message', (data, isBinary) => {
    if (!room.connections.has(conn)) return;
    try {
      opts.checkFrame?.(toBytes(data).byteLength);
    } catch (err) {
      if (err instanceof ProtocolError) return drop(err);
      throw err;
    }
    if (queue) queue.push([data, isBinary]);
    else handle(data, isBinary);
  });
  socket.on('close', () => rooms.leave(room, conn));

  room.ready.then(
    () => {
      const pending = queue ?? [];
      queue = null;
      if (!room.connections.has(conn)) return;
      // A room whose last write failed may hold an update storage lacks: never sync from it.
      if (room.broken)
        return drop(new ProtocolError(CLOSE.roomUnavailable, 'storage failed; reconnect later'));
      room.greet(conn);
      for (const [data, isBinary] of pending) handle(data, isBinary);
    },
    (err: unknown) => {
      queue = null;
      log.error({ err, room: name }, 'loading a room failed');
      drop(new ProtocolError(CLOSE.roomUnavailable, 'room failed to load; reconnect later'));
    },
  );
}
