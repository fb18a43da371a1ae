/** Exit codes a script can rely on (docs/cli.md), and the one error type commands throw. */
export const EXIT = {
  ok: 0,
  /** The input or the remote said no: invalid file, room not found, Jira refused items. */
  failure: 1,
  /** The command line is wrong: unknown option, missing argument, unreadable path. */
  usage: 2,
  /** Could not reach the relay or Jira at all. */
  connection: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with the exit code it maps to; main prints `causeway: <message>` and exits. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
