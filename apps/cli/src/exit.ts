/**
 * Exit codes a script can rely on (docs/cli.md lists them):
 * 0 done, 1 the input was refused (rows listed), 2 usage (bad option, unreadable file),
 * 3 the relay could not be reached, 4 the relay refused the request for another reason.
 */
export const EXIT = {
  ok: 0,
  refused: 1,
  usage: 2,
  connection: 3,
  relay: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with the exit code it maps to; main prints the message on stderr. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
