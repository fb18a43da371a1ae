/** The `causeway` program: builds the commander tree and maps every failure to an exit code. */
import { Command, CommanderError } from 'commander';
import { backupCommands } from './commands/backup.ts';
import { exportCommand } from './commands/export.ts';
import { jiraCommand } from './commands/jira.ts';
import { metricsCommand } from './commands/metrics.ts';
import { reportCommand } from './commands/report.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import { type Io, processIo } from './io.ts';

/** Runs one command line (without `node main.ts`); resolves to the exit code, never exits. */
export async function run(argv: readonly string[], io: Io = processIo): Promise<ExitCode> {
  const program = new Command('causeway')
    .description(
      'Causeway from the command line: reports, exports, metrics and Jira, offline or against a relay',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  exportCommand(program, io);
  reportCommand(program, io);
  metricsCommand(program, io);
  jiraCommand(program, io);
  backupCommands(program, io);
  for (const c of program.commands) {
    c.exitOverride();
    c.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    for (const sub of c.commands)
      sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`causeway: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`causeway: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failure;
  }
}
