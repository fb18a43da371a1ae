/** `causeway export <source>`: the RCA JSON, the timeline or action items as CSV, or the Sigma rules. */
import {
  actionItemsCsv,
  type RcaExport,
  sigmaBundle,
  timelineCsv,
  validateSigmaRule,
} from '@causeway/core';
import type { Command } from 'commander';
import { CliError, EXIT } from '../exit.ts';
import { emit, type Io } from '../io.ts';
import { tokenFrom } from '../paths.ts';
import { loadRca, parseSource } from '../source.ts';

const FORMATS = ['json', 'timeline-csv', 'action-items-csv', 'sigma'] as const;
type Format = (typeof FORMATS)[number];

/** The Sigma file: rules that pass the checks; the names of the others, which make the exit code 1. */
function sigmaFile(rca: RcaExport): { text: string; skipped: string[] } {
  const valid = rca.detectionRules.filter((r) => validateSigmaRule(r.yaml).ok);
  const skipped = rca.detectionRules.filter((r) => !valid.includes(r)).map((r) => r.title);
  return { text: sigmaBundle(valid.map((r) => r.yaml)), skipped };
}

/** Adds the `export` command. */
export function registerExport(program: Command, io: Io): void {
  program
    .command('export')
    .description('export a board: RCA JSON (default), timeline or action items CSV, or Sigma rules')
    .argument('<source>', 'an RCA export (.json), a backup (Yjs state), or a board URL')
    .option('-f, --format <format>', `one of ${FORMATS.join(', ')}`, 'json')
    .option('-o, --out <file>', 'write here instead of stdout')
    .option('--token <token>', 'an invite token when the relay checks them (or CAUSEWAY_TOKEN)')
    .action(async (sourceArg: string, opts: { format: string; out?: string; token?: string }) => {
      if (!FORMATS.includes(opts.format as Format)) {
        throw new CliError(EXIT.usage, `--format must be one of ${FORMATS.join(', ')}`);
      }
      const rca = await loadRca(parseSource(sourceArg), tokenFrom(opts.token));
      const format = opts.format as Format;
      if (format === 'json') return emit(io, `${JSON.stringify(rca, null, 2)}\n`, opts.out);
      if (format === 'timeline-csv') return emit(io, timelineCsv(rca), opts.out);
      if (format === 'action-items-csv') return emit(io, actionItemsCsv(rca), opts.out);
      const { text, skipped } = sigmaFile(rca);
      emit(io, text, opts.out);
      if (skipped.length > 0) {
        throw new CliError(
          EXIT.refused,
          `${skipped.length} rule(s) fail the Sigma checks and were not exported: ${skipped.join(', ')}`,
        );
      }
    });
}
