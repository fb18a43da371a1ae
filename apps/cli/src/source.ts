/**
 * A command's source: a file (an RCA export JSON, or a backup holding a board's binary Yjs state)
 * or a running relay, named by a board URL such as http://127.0.0.1:4410/r/room_abc.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildRcaExport, parseRcaExport, type RcaExport } from '@causeway/core';
import * as Y from 'yjs';
import { CliError, EXIT } from './errors.ts';

export type Source =
  | { readonly kind: 'relay'; readonly base: string; readonly room: string }
  | { readonly kind: 'file'; readonly path: string };

const ROOM = /^[A-Za-z0-9_-]{1,64}$/;

/** Parses a source argument; a URL must name a board (`/r/<room>` or `/api/rooms/<room>`). */
export function parseSource(arg: string): Source {
  if (!/^https?:\/\//i.test(arg)) return { kind: 'file', path: arg };
  let url: URL;
  try {
    url = new URL(arg);
  } catch {
    throw new CliError(EXIT.usage, `not a URL: ${arg}`);
  }
  const m = /^\/(?:r|api\/rooms)\/([^/]+)\/?/.exec(url.pathname);
  const room = m ? decodeURIComponent(m[1] as string) : '';
  if (!ROOM.test(room)) {
    throw new CliError(
      EXIT.usage,
      `${arg} names no board; use the board's URL, e.g. ${url.origin}/r/room_abc`,
    );
  }
  return { kind: 'relay', base: url.origin, room };
}

/** GET/POST to a relay or Jira; connection failures exit 3, HTTP errors exit 1 with the server's message. */
export async function http(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string; json: () => unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    // Node's fetch hides the socket error in `cause` (an AggregateError when several addresses failed).
    const c = (err as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const cause = c?.code ?? c?.errors?.[0]?.code ?? (err as Error).message;
    throw new CliError(EXIT.connection, `cannot reach ${new URL(url).origin} (${cause})`);
  }
  const text = await res.text();
  const json = () => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new CliError(
        EXIT.failure,
        `${url} answered ${res.status} with something that is not JSON`,
      );
    }
  };
  return { status: res.status, text, json };
}

/** The relay's `{error, message}` as one line. */
export function relayError(status: number, text: string): string {
  try {
    const b = JSON.parse(text) as { error?: string; message?: string };
    if (b.error) return `${b.error}: ${b.message ?? ''} (HTTP ${status})`;
  } catch {
    // not JSON: fall through
  }
  return `HTTP ${status}`;
}

/** Reads a file that is either an RCA export (v1 or v2) or a binary Yjs state. */
export function readBoardFile(path: string): {
  rca: RcaExport;
  kind: 'json' | 'backup';
  bytes: Uint8Array;
} {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new CliError(
      EXIT.usage,
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(
        Buffer.from(bytes)
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      );
    } catch (err) {
      throw new CliError(EXIT.failure, `${path} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = parseRcaExport(value);
    if (!parsed.ok) {
      throw new CliError(
        EXIT.failure,
        `${path} is not a Causeway RCA export:\n  ${parsed.errors.join('\n  ')}`,
      );
    }
    return { rca: parsed.rca, kind: 'json', bytes };
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, bytes);
    return {
      rca: buildRcaExport(doc, { room: basename(path).replace(/\.[^.]+$/, '') }),
      kind: 'backup',
      bytes,
    };
  } catch {
    throw new CliError(
      EXIT.failure,
      `${path} is neither an RCA export (JSON) nor a Causeway backup (Yjs state)`,
    );
  } finally {
    doc.destroy();
  }
}

/** The RCA export of a source: parsed from the file, or fetched from the relay. */
export async function loadRca(source: Source): Promise<RcaExport> {
  if (source.kind === 'file') return readBoardFile(source.path).rca;
  const res = await http(`${source.base}/api/rooms/${source.room}/export`);
  if (res.status !== 200) throw new CliError(EXIT.failure, relayError(res.status, res.text));
  const parsed = parseRcaExport(res.json());
  if (!parsed.ok)
    throw new CliError(
      EXIT.failure,
      `the relay sent an export this CLI cannot read: ${parsed.errors[0]}`,
    );
  return parsed.rca;
}
