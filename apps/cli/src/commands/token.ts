/** `causeway token`: mints an invite offline with the relay's secret (e.g. for a moved board). */
import { Auth, isRole } from '@causeway/relay';
import type { Command } from 'commander';
import { openBackupSources } from '../dataDir.ts';
import { CliError, EXIT } from '../exit.ts';
import type { Io } from '../io.ts';
import { defaultDataDir, fromUserDir } from '../paths.ts';
import { roomOption } from '../source.ts';

/** Mints an invite URL fragment `#token=…` for a board, recording it in the data dir. */
export async function runToken(o: {
  room: string;
  role: string;
  name: string;
  hours: string;
  data: string;
  secret: string | undefined;
  /** Where CAUSEWAY_STORAGE and DATABASE_URL are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
}): Promise<string> {
  if (!o.secret) throw new CliError(EXIT.usage, 'set CAUSEWAY_SECRET to the relay’s secret');
  if (!isRole(o.role)) throw new CliError(EXIT.usage, 'role must be facilitator, editor or viewer');
  const hours = Number(o.hours);
  if (!(hours > 0)) throw new CliError(EXIT.usage, '--hours must be a positive number');
  const src = await openBackupSources(o.data, o.env);
  try {
    const auth = new Auth(o.secret, src.invites);
    const minted = await auth.mint({
      room: o.room,
      role: o.role,
      subject: o.name,
      ttlSeconds: Math.round(hours * 3600),
      createdBy: 'causeway token (CLI)',
    });
    return `/r/${o.room}#token=${minted?.token ?? ''}`;
  } finally {
    await src.close();
  }
}

interface TokenFlags {
  readonly room: string;
  readonly role: string;
  readonly name: string;
  readonly hours: string;
  readonly data: string;
}

/** Adds the `token` command. */
export function registerToken(program: Command, io: Io): void {
  program
    .command('token')
    .description(
      'mint an invite offline with CAUSEWAY_SECRET (e.g. a facilitator for a moved board)',
    )
    .requiredOption('-r, --room <room>', 'board id or URL')
    .option('--role <role>', 'facilitator, editor or viewer', 'facilitator')
    .option('--name <name>', 'who holds it (the audit log names them)', 'admin')
    .option('--hours <n>', 'validity in hours', '24')
    .option('-d, --data <dir>', 'relay data directory', defaultDataDir())
    .action(async (given: TokenFlags) => {
      // A board URL names the board; the invite is minted offline, so its relay does not matter.
      const o = { ...given, room: roomOption(given.room, undefined, false).room };
      io.out(
        await runToken({ ...o, data: fromUserDir(o.data), secret: process.env.CAUSEWAY_SECRET }),
      );
    });
}
