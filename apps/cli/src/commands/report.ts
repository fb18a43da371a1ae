/** `causeway report <source>`: the review report as Markdown or print-ready HTML. */
import { reportHtml, reportMarkdown } from '@causeway/core';
import type { Command } from 'commander';
import { CliError, EXIT } from '../exit.ts';
import { emit, type Io } from '../io.ts';
import { tokenFrom } from '../paths.ts';
import { loadRca, parseSource } from '../source.ts';

/** Adds the `report` command. */
export function registerReport(program: Command, io: Io): void {
  program
    .command('report')
    .description('write the review report (Markdown, or HTML to print as PDF)')
    .argument('<source>', 'an RCA export (.json), a backup (Yjs state), or a board URL')
    .option('-f, --format <format>', 'md or html', 'md')
    .option('-o, --out <file>', 'write here instead of stdout')
    .option('--token <token>', 'an invite token when the relay checks them (or CAUSEWAY_TOKEN)')
    .action(async (sourceArg: string, opts: { format: string; out?: string; token?: string }) => {
      if (opts.format !== 'md' && opts.format !== 'html') {
        throw new CliError(EXIT.usage, '--format must be md or html');
      }
      const rca = await loadRca(parseSource(sourceArg), tokenFrom(opts.token));
      emit(io, opts.format === 'md' ? reportMarkdown(rca) : reportHtml(rca), opts.out);
    });
}
