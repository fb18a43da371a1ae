/** `causeway backup`: one board or every board to a JSON bundle, offline or from a running relay. */
import { writeFile } from 'node:fs/promises';
import { backupBoard, bundle } from '@causeway/relay';
import type { Command } from 'commander';
import { openBackupSources, type Target } from '../dataDir.ts';
import { CliError, EXIT } from '../exit.ts';
import type { Io } from '../io.ts';
import { defaultDataDir, fromUserDir, tokenFrom } from '../paths.ts';
import { callRelay, expectOk } from '../relay.ts';
import { roomOption } from '../source.ts';

/** The backup file's text for one board or all. */
export async function runBackup(t: Target): Promise<string> {
  if (t.url) {
    if (!t.room) throw new CliError(EXIT.usage, '--url backs up one board: give --room');
    const url = new URL(`/api/rooms/${encodeURIComponent(t.room)}/backup`, t.url);
    return expectOk(await callRelay(url, { method: 'GET' }, t.token), `backup ${t.room}`).text;
  }
  const src = await openBackupSources(t.data, t.env);
  try {
    const rooms = t.room ? [t.room] : await src.storage.listRooms();
    const boards = [];
    for (const room of rooms) {
      const b = await backupBoard(src, room);
      if (!b) throw new CliError(EXIT.usage, `no board ${room} in ${t.data}`);
      boards.push(b);
    }
    return JSON.stringify(bundle(boards));
  } finally {
    await src.close();
  }
}

interface BackupFlags {
  readonly out: string;
  readonly room?: string;
  readonly data: string;
  readonly url?: string;
  readonly token?: string;
}

/** Adds the `backup` command. */
export function registerBackup(program: Command, io: Io): void {
  program
    .command('backup')
    .description('write one board (--room) or every board to a backup file')
    .requiredOption('-o, --out <file>', 'backup file to write (JSON)')
    .option('-r, --room <room>', "only this board (its id, or its URL for the relay's copy)")
    .option('-d, --data <dir>', 'relay data directory (offline)', defaultDataDir())
    .option('-u, --url <url>', 'a running relay instead of a data directory (needs --room)')
    .option('-t, --token <token>', 'facilitator token for --url (or CAUSEWAY_TOKEN)')
    .action(async (given: BackupFlags) => {
      const o = given.room ? { ...given, ...roomOption(given.room, given.url, true) } : given;
      const text = await runBackup({ ...o, data: fromUserDir(o.data), token: tokenFrom(o.token) });
      await writeFile(fromUserDir(o.out), text);
      io.out(`wrote ${o.out}`);
    });
}
