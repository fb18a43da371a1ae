/**
 * Authorises a y-websocket connection before its room is touched. While the token is checked the
 * socket is paused and at most a handful of frames are held (a stock client sends two on open);
 * a socket that sends more, or has no valid token, is closed with 4401/4403 and no room loads;
 * when the invite store cannot answer, with 4500 (the client retries).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { CLOSE, closeReason } from '../errors.ts';
import { AccessDenied, type Auth } from './auth.ts';
import type { Access } from './roles.ts';

/** Frames a socket may send before it is authorised, and their total size. */
export const PREAUTH_MAX_FRAMES = 8;
export const PREAUTH_MAX_BYTES = 256 * 1024;

export type PendingFrame = [RawData, boolean];

export interface Admitted {
  readonly access: Access;
  /** Frames received while the token was checked, in order. */
  readonly pending: PendingFrame[];
}

const sizeOf = (data: RawData): number =>
  Array.isArray(data)
    ? data.reduce((n, b) => n + b.byteLength, 0)
    : (data as ArrayBuffer | Buffer).byteLength;

/** Resolves with the socket's access, or null after closing it. */
export async function admitSocket(
  auth: Auth,
  socket: WebSocket,
  room: string,
  token: string | undefined,
  log: FastifyBaseLogger,
): Promise<Admitted | null> {
  const pending: PendingFrame[] = [];
  let bytes = 0;
  let refused: string | null = null;
  const hold = (data: RawData, isBinary: boolean) => {
    if (refused) return;
    bytes += sizeOf(data);
    if (pending.length >= PREAUTH_MAX_FRAMES || bytes > PREAUTH_MAX_BYTES) {
      refused = 'sent too much before it was authorised';
      return;
    }
    pending.push([data, isBinary]);
  };
  socket.on('message', hold);
  socket.pause();
  try {
    const access = await auth.authenticate(room, token);
    if (refused) {
      socket.close(CLOSE.unauthorized, closeReason(refused));
      return null;
    }
    return { access, pending };
  } catch (err) {
    if (!(err instanceof AccessDenied)) {
      log.error({ err, room }, 'invite check failed');
      // The invite store (PostgreSQL) is unreachable: not the client's fault, so 45xx and retry.
      socket.close(
        CLOSE.roomUnavailable,
        closeReason('could not check the invite; reconnect later'),
      );
      return null;
    }
    const code = err.status === 401 ? CLOSE.unauthorized : CLOSE.forbidden;
    socket.close(code, closeReason(err.message));
    return null;
  } finally {
    socket.off('message', hold);
    socket.resume();
  }
}
