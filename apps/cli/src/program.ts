/** The `causeway` program: one file per command under commands/, registered here. */
import { Command, CommanderError } from 'commander';
import { registerBackup } from './commands/backup.ts';
import { registerExport } from './commands/export.ts';
import { registerImport } from './commands/import.ts';
import { registerJira } from './commands/jira.ts';
import { registerMetrics } from './commands/metrics.ts';
import { registerReport } from './commands/report.ts';
import { registerRestore } from './commands/restore.ts';
import { registerToken } from './commands/token.ts';
import { CliError, EXIT, type ExitCode } from './exit.ts';
import type { Io } from './io.ts';

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command('causeway')
    .description(
      'Causeway from scripts: imports, reports, exports, metrics, Jira, backups and invites',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });
  registerImport(program, io, (c) => {
    code = c;
  });
  registerExport(program, io);
  registerReport(program, io);
  registerMetrics(program, io);
  registerJira(program, io);
  registerBackup(program, io);
  registerRestore(program, io);
  registerToken(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`causeway: ${err.message}`);
      return err.exitCode;
    }
    if (err instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.err(`causeway: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.relay;
  }
}
