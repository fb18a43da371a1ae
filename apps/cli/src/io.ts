/** Where commands write: stdout for results, stderr for problems; tests swap both. */
import { writeFileSync } from 'node:fs';
import { CliError, EXIT } from './exit.ts';
import { fromUserDir } from './paths.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Writes `text` to the file `out` (relative to the user's directory), or to stdout when `out` is undefined or "-". */
export function emit(io: Io, text: string, out: string | undefined): void {
  if (out === undefined || out === '-') {
    io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
    return;
  }
  try {
    writeFileSync(fromUserDir(out), text);
  } catch (err) {
    throw new CliError(
      EXIT.usage,
      `cannot write ${out}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  io.err(`wrote ${out}`);
}
