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
import { CliError, EXIT } from './exit.ts';
import { fromUserDir } from './paths.ts';
import { callRelay, expectOk } from './relay.ts';

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

/**
 * A `--room` value: a board id, or the board's URL as people share it. A URL names the relay too,
 * so it stands for `--url` as well; one naming another relay than an explicit `--url` is refused.
 */
export function roomOption(
  room: string,
  url: string | undefined,
  urlGiven: boolean,
): { room: string; url: string | undefined } {
  const source = parseSource(room);
  if (source.kind === 'file') return { room, url };
  if (urlGiven && url !== undefined && originOf(url) !== source.base) {
    throw new CliError(
      EXIT.usage,
      `--room ${room} is a board on ${source.base} but --url is ${url}; give one of them`,
    );
  }
  return { room: source.room, url: source.base };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new CliError(EXIT.usage, `--url is not a URL: ${url}`);
  }
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
    text = readFileSync(fromUserDir(path), 'utf8');
  } catch (err) {
    throw new CliError(
      EXIT.usage,
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CliError(EXIT.refused, `${path} is not valid JSON: ${(err as Error).message}`);
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
      throw new CliError(EXIT.refused, `${path}: ${(err as Error).message}`);
    }
    return backup.boards.map((b) => ({ rca: rcaOfBackupBoard(b), kind: 'backup', backup }));
  }
  const parsed = parseRcaExport(value);
  if (!parsed.ok) {
    throw new CliError(
      EXIT.refused,
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

/** The RCA export of a source: parsed from the file, or fetched from the relay with `token`. */
export async function loadRca(source: Source, token: string | undefined): Promise<RcaExport> {
  if (source.kind === 'file') return readBoardFile(source.path).rca;
  const url = new URL(`/api/rooms/${encodeURIComponent(source.room)}/export`, source.base);
  const answer = expectOk(await callRelay(url, { method: 'GET' }, token), `export ${source.room}`);
  const parsed = parseRcaExport(answer.body);
  if (!parsed.ok)
    throw new CliError(
      EXIT.relay,
      `the relay sent an export this CLI cannot read: ${parsed.errors[0]}`,
    );
  return parsed.rca;
}
