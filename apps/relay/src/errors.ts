/**
 * Every error the relay reports, in one table: HTTP codes for REST, close codes for sockets.
 * docs/api.md lists the same table; keep them in step.
 */

/** WebSocket close codes. 44xx mirror HTTP 4xx: the y-websocket client does not reconnect. */
export const CLOSE = {
  /** The relay is shutting down; clients reconnect to the next instance. */
  goingAway: 1001,
  /** Frame larger than maxFrameBytes (sent by `ws` itself). */
  tooBig: 1009,
  /** Text frame, truncated varint, unknown message type, or an undecodable Yjs update. */
  malformedFrame: 4400,
  /** No token, a bad, expired or revoked token (auth on); sent before any room is loaded. */
  unauthorized: 4401,
  /** A valid token for another room. */
  forbidden: 4403,
  /** The path does not name a valid room id, so no such room can exist. */
  invalidRoom: 4404,
  /** A facilitator deleted the board while this socket had it open. */
  boardDeleted: 4410,
  /** The update would make the board larger than maxBoardBytes; it was not applied or stored. */
  boardTooLarge: 4413,
  /** More messages than the socket's token bucket allows. */
  rateLimited: 4429,
  /** Storage failed to load or persist the room; 45xx means "try again later". */
  roomUnavailable: 4500,
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** HTTP error codes and their statuses. */
export const HTTP_ERRORS = {
  'invalid-room-id': 400,
  'invalid-body': 400,
  'invalid-params': 400,
  'invalid-rows': 400,
  'thehive-auth-failed': 400,
  unauthorized: 401,
  forbidden: 403,
  'origin-not-allowed': 403,
  'thehive-url-not-allowed': 403,
  'auth-disabled': 409,
  'invite-not-found': 404,
  'board-too-large': 413,
  'rate-limited': 429,
  'room-not-found': 404,
  'snapshot-not-found': 404,
  'thehive-case-not-found': 404,
  'not-found': 404,
  'jira-push-in-progress': 409,
  'jira-url-refused': 400,
  'jira-auth-failed': 502,
  'jira-forbidden': 502,
  'jira-refused': 502,
  'jira-bad-response': 502,
  'jira-unreachable': 502,
  'jira-rate-limited': 503,
  'body-too-large': 413,
  'unsupported-media-type': 415,
  internal: 500,
  'thehive-unreachable': 502,
  'thehive-bad-answer': 502,
  'thehive-timeout': 504,
  'web-not-built': 503,
  'shutting-down': 503,
  'fanout-down': 503,
} as const;
export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/** A REST failure with its code; the error handler turns it into `{error, message}`. */
export class HttpError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = HTTP_ERRORS[code];
  }
}

/** A socket-level failure: the socket is closed with `closeCode` and the message as reason. */
export class ProtocolError extends Error {
  constructor(
    readonly closeCode: CloseCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** Close reasons are capped at 123 UTF-8 bytes by RFC 6455; `ws` throws on longer ones. */
export function closeReason(text: string): string {
  let out = text;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}
