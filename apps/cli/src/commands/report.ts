/** `causeway report <source>`: the review report as Markdown or print-ready HTML. */
import { reportHtml, reportMarkdown } from '@causeway/core';
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors.ts';
import { emit, type Io } from '../io.ts';
import { loadRca, parseSource } from '../source.ts';

export function reportCommand(program: Command, io: Io): void {
  program
    .command('report')
    .description('write the review report (Markdown, or HTML to print as PDF)')
    .argument('<source>', 'an RCA export (.json), a backup (Yjs state), or a board URL')
    .option('-f, --format <format>', 'md or html', 'md')
    .option('-o, --out <file>', 'write here instead of stdout')
    .action(async (sourceArg: string, opts: { format: string; out?: string }) => {
      if (opts.format !== 'md' && opts.format !== 'html') {
        throw new CliError(EXIT.usage, '--format must be md or html');
      }
      const rca = await loadRca(parseSource(sourceArg));
      emit(io, opts.format === 'md' ? reportMarkdown(rca) : reportHtml(rca), opts.out);
    });
}
