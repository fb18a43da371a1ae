/** Where a command writes: injectable so tests run commands in-process and read what they print. */
import { writeFileSync } from 'node:fs';
import { CliError, EXIT } from './errors.ts';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Writes `text` to `out` (a path), or to stdout when `out` is undefined or "-". */
export function emit(io: Io, text: string, out: string | undefined): void {
  if (out === undefined || out === '-') {
    io.stdout(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (err) {
    throw new CliError(EXIT.usage, `cannot write ${out}: ${(err as Error).message}`);
  }
  io.stderr(`wrote ${out}\n`);
}
