/**
 * `causeway backup|restore|token`: board backups on a data directory or a running relay, and
 * offline invites (the functions live in ../commands.ts, where their tests call them directly).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runBackup, runRestore, runToken } from '../commands.ts';
import type { Io } from '../io.ts';

const base = () => process.env.INIT_CWD ?? process.cwd();

export function backupCommands(program: Command, io: Io): void {
  program
    .command('backup')
    .description('write one board (--room) or every board to a backup file')
    .requiredOption('-o, --out <file>', 'backup file to write (JSON)')
    .option('-r, --room <room>', 'only this board')
    .option(
      '-d, --data <dir>',
      'relay data directory (offline)',
      process.env.CAUSEWAY_DATA ?? 'data',
    )
    .option('-u, --url <url>', 'a running relay instead of a data directory (needs --room)')
    .option('-t, --token <token>', 'facilitator token for --url (or CAUSEWAY_TOKEN)')
    .action(
      async (o: { out: string; room?: string; data: string; url?: string; token?: string }) => {
        const text = await runBackup({
          ...o,
          data: resolve(base(), o.data),
          token: o.token ?? process.env.CAUSEWAY_TOKEN,
        });
        writeFileSync(resolve(base(), o.out), text);
        io.stderr(`wrote ${o.out}\n`);
      },
    );

  program
    .command('restore')
    .description('merge a backup into a data directory or a running relay (never erases anything)')
    .requiredOption('-i, --in <file>', 'backup file to read')
    .option('-r, --room <room>', 'only this board (and, with one board, restore it under this id)')
    .option(
      '-d, --data <dir>',
      'relay data directory (offline)',
      process.env.CAUSEWAY_DATA ?? 'data',
    )
    .option('-u, --url <url>', 'a running relay instead of a data directory')
    .option('-t, --token <token>', 'facilitator token for --url (or CAUSEWAY_TOKEN)')
    .action(
      async (o: { in: string; room?: string; data: string; url?: string; token?: string }) => {
        const text = readFileSync(resolve(base(), o.in), 'utf8');
        const rooms = await runRestore(text, {
          ...o,
          data: resolve(base(), o.data),
          token: o.token ?? process.env.CAUSEWAY_TOKEN,
        });
        io.stderr(`restored ${rooms.join(', ')}\n`);
      },
    );

  program
    .command('token')
    .description(
      'mint an invite offline with CAUSEWAY_SECRET (e.g. a facilitator for a moved board)',
    )
    .requiredOption('-r, --room <room>', 'board id')
    .option('--role <role>', 'facilitator, editor or viewer', 'facilitator')
    .option('--name <name>', 'who holds it (the audit log names them)', 'admin')
    .option('--hours <n>', 'validity in hours', '24')
    .option('-d, --data <dir>', 'relay data directory', process.env.CAUSEWAY_DATA ?? 'data')
    .action(
      async (o: { room: string; role: string; name: string; hours: string; data: string }) => {
        io.stdout(
          `${await runToken({ ...o, data: resolve(base(), o.data), secret: process.env.CAUSEWAY_SECRET })}\n`,
        );
      },
    );
}
