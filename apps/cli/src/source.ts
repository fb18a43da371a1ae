/**
 * A command's source: a file (an RCA export JSON, or a backup bundle written by `causeway backup`)
 * or a running relay, named by a board URL such as http://127.0.0.1:4410/r/room_abc.
 */
import { readFileSync } from 'node:fs';
import { buildRcaExport, parseRcaExport, type RcaExport } from '@causeway/core';
import {
  BACKUP_FORMAT,
  type Backup,
  type BoardBackup,
  boardState,
  parseBackup,
} from '@causeway/relay';
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

/** GET/POST to a relay; connection failures exit 3, HTTP errors exit 1 with the server's message. */
export async function http(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string; json: () => unknown }> {
  let res: Response;
  try {
    // A relay with invites on needs one: CAUSEWAY_TOKEN (an invite, or the trends token for metrics).
    const token = process.env.CAUSEWAY_TOKEN;
    const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers };
    res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(60_000) });
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

/** One board read from a file, with what is needed to write Jira keys back into that file. */
export interface BoardFile {
  readonly rca: RcaExport;
  /** `json`: an RCA export; `backup`: one board of a causeway-backup bundle (`causeway backup`). */
  readonly kind: 'json' | 'backup';
  readonly backup: Backup | null;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(
      EXIT.usage,
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CliError(EXIT.failure, `${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** The RCA export of one board in a backup bundle. */
export function rcaOfBackupBoard(board: BoardBackup): RcaExport {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, boardState(board));
    return buildRcaExport(doc, { room: board.room });
  } finally {
    doc.destroy();
  }
}

/** Every board in a file: an RCA export (one board) or a backup bundle (one or more). */
export function readBoardFiles(path: string): BoardFile[] {
  const value = readJson(path);
  if ((value as { format?: unknown } | null)?.format === BACKUP_FORMAT) {
    let backup: Backup;
    try {
      backup = parseBackup(value);
    } catch (err) {
      throw new CliError(EXIT.failure, `${path}: ${(err as Error).message}`);
    }
    return backup.boards.map((b) => ({ rca: rcaOfBackupBoard(b), kind: 'backup', backup }));
  }
  const parsed = parseRcaExport(value);
  if (!parsed.ok) {
    throw new CliError(
      EXIT.failure,
      `${path} is neither a Causeway RCA export nor a backup:\n  ${parsed.errors.join('\n  ')}`,
    );
  }
  return [{ rca: parsed.rca, kind: 'json', backup: null }];
}

/** The one board in a file; a backup of several boards must be narrowed with `causeway backup --room`. */
export function readBoardFile(path: string): BoardFile {
  const boards = readBoardFiles(path);
  if (boards.length !== 1) {
    throw new CliError(
      EXIT.usage,
      `${path} holds ${boards.length} boards (${boards.map((b) => b.rca.room).join(', ')}); write one with \`causeway backup --room <room>\``,
    );
  }
  return boards[0] as BoardFile;
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
