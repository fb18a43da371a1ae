/** Talking to a running relay: one request helper that turns failures into CLI exit codes. */
import { CliError, EXIT } from './exit.ts';

export interface RelayAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Sends a request; a connection failure is exit 3, a non-JSON answer exit 4. */
export async function callRelay(url: URL, init: RequestInit): Promise<RelayAnswer> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    const cause =
      err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new CliError(EXIT.connection, `cannot reach the relay at ${url.origin}: ${cause}`);
  }
  const text = await res.text();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return { status: res.status, body: body as Record<string, unknown> };
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
