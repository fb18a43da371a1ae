/**
 * Talking to a running relay, for every command: one request helper that sends the invite token
 * and turns failures into CLI exit codes (3 unreachable, 4 refused or not a relay).
 */
import { CliError, EXIT } from './exit.ts';

export interface RelayAnswer {
  readonly status: number;
  /** The JSON answer; `{}` for an empty one (204). */
  readonly body: Record<string, unknown>;
  /** The answer as sent, for commands that save it (a backup). */
  readonly text: string;
}

/** Sends a request with `token` as a Bearer token; a connection failure is exit 3, a non-JSON answer exit 4. */
export async function callRelay(url: URL, init: RequestInit, token?: string): Promise<RelayAnswer> {
  const headers = {
    ...(init.headers as Record<string, string> | undefined),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers });
  } catch (err) {
    const cause =
      err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new CliError(EXIT.connection, `cannot reach the relay at ${url.origin}: ${cause}`);
  }
  const text = await res.text();
  if (text === '' && res.ok) return { status: res.status, body: {}, text };
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return { status: res.status, body: body as Record<string, unknown>, text };
  } catch {
    // Falls through: not JSON.
  }
  throw new CliError(
    EXIT.relay,
    `the relay at ${url.origin} answered ${res.status} without JSON; is that URL a Causeway relay?`,
  );
}

/** The relay's `{error, message}` as one line. */
export const relayMessage = (body: Record<string, unknown>) =>
  `${String(body.error ?? 'error')}: ${String(body.message ?? 'no message')}`;

/** Throws exit 4 with the relay's reason unless the answer is a success. */
export function expectOk(answer: RelayAnswer, what: string): RelayAnswer {
  if (answer.status >= 200 && answer.status < 300) return answer;
  throw new CliError(
    EXIT.relay,
    `${what}: the relay refused (${answer.status} ${relayMessage(answer.body)})`,
  );
}
