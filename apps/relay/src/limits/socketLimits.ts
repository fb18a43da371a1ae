/** Per-socket limits: a message-rate token bucket (4429), read-only viewers, the board size cap. */
import { canWrite } from '../auth/roles.ts';
import type { RelayConfig } from '../config.ts';
import { CLOSE, ProtocolError } from '../errors.ts';
import type { SocketOptions } from '../rooms/session.ts';
import type { BoardSizeLimit } from './boardSize.ts';
import { TokenBucket } from './tokenBucket.ts';

/** The per-frame checks for one new socket. */
export function socketLimits(
  config: Pick<RelayConfig, 'socketMessagesPerSecond' | 'socketMessageBurst'>,
  boardSize: BoardSizeLimit,
): Pick<SocketOptions, 'checkFrame' | 'admitUpdate'> {
  const bucket = new TokenBucket(config.socketMessagesPerSecond, config.socketMessageBurst);
  return {
    checkFrame: () => {
      if (!bucket.take())
        throw new ProtocolError(
          CLOSE.rateLimited,
          `rate limit: more than ${config.socketMessagesPerSecond} messages/s`,
        );
    },
    admitUpdate: (room, conn, update) => {
      if (!canWrite(conn.access)) return 'deny';
      boardSize.check(room, update.byteLength);
      return 'apply';
    },
  };
}
