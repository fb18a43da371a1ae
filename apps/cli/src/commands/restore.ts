/** `causeway restore`: merges a backup into a data directory or a running relay; never erases. */
import { readFile } from 'node:fs/promises';
import { bundle, parseBackup, restoreBoardOffline } from '@causeway/relay';
import type { Command } from 'commander';
import { openBackupSources, type Target } from '../dataDir.ts';
import { CliError, EXIT } from '../exit.ts';
import type { Io } from '../io.ts';
import { defaultDataDir, fromUserDir, tokenFrom } from '../paths.ts';
import { callRelay, expectOk } from '../relay.ts';
import { roomOption } from '../source.ts';

function readBackup(text: string): ReturnType<typeof parseBackup> {
  try {
    return parseBackup(JSON.parse(text));
  } catch (err) {
    throw new CliError(
      EXIT.usage,
      `not a Causeway backup: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Restores the boards in `text`; returns their ids. */
export async function runRestore(text: string, t: Target): Promise<string[]> {
  let boards = [...readBackup(text).boards];
  // One board may be restored under a new id (moving it next to an existing board of that name).
  const rename = t.room && boards.length === 1 ? t.room : undefined;
  if (t.room && !rename) boards = boards.filter((b) => b.room === t.room);
  if (boards.length === 0) throw new CliError(EXIT.usage, 'nothing to restore');
  if (t.url) {
    for (const b of boards) {
      const room = rename ?? b.room;
      const url = new URL(`/api/rooms/${encodeURIComponent(room)}/backup`, t.url);
      const init = {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bundle([b])),
      };
      expectOk(await callRelay(url, init, t.token), `restore ${room}`);
    }
    return boards.map((b) => rename ?? b.room);
  }
  const dst = await openBackupSources(t.data, t.env);
  try {
    for (const b of boards) await restoreBoardOffline(dst, b, rename ?? b.room);
  } finally {
    await dst.close();
  }
  return boards.map((b) => rename ?? b.room);
}

interface RestoreFlags {
  readonly in: string;
  readonly room?: string;
  readonly data: string;
  readonly url?: string;
  readonly token?: string;
}

/** Adds the `restore` command. */
export function registerRestore(program: Command, io: Io): void {
  program
    .command('restore')
    .description('merge a backup into a data directory or a running relay (never erases anything)')
    .requiredOption('-i, --in <file>', 'backup file to read')
    .option('-r, --room <room>', 'only this board (and, with one board, restore it under this id)')
    .option('-d, --data <dir>', 'relay data directory (offline)', defaultDataDir())
    .option('-u, --url <url>', 'a running relay instead of a data directory')
    .option('-t, --token <token>', 'facilitator token for --url (or CAUSEWAY_TOKEN)')
    .action(async (given: RestoreFlags) => {
      const o = given.room ? { ...given, ...roomOption(given.room, given.url, true) } : given;
      let text: string;
      try {
        text = await readFile(fromUserDir(o.in), 'utf8');
      } catch (err) {
        throw new CliError(
          EXIT.usage,
          `cannot read ${o.in}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const rooms = await runRestore(text, {
        ...o,
        data: fromUserDir(o.data),
        token: tokenFrom(o.token),
      });
      io.out(`restored ${rooms.join(', ')}`);
    });
}
