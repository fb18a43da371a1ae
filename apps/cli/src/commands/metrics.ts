/** `causeway metrics <sources...>`: per-quarter trends over files, or a relay's /api/metrics. */
import {
  computeTrends,
  formatDuration,
  METRIC_DEFINITIONS,
  type MetricStats,
  rangeBoundMessage,
  summariseRca,
  type Trends,
} from '@causeway/core';
import type { Command } from 'commander';
import { CliError, EXIT } from '../exit.ts';
import { emit, type Io } from '../io.ts';
import { tokenFrom } from '../paths.ts';
import { callRelay, expectOk } from '../relay.ts';
import { readBoardFiles } from '../source.ts';

const fmt = (s: number | null) => (s === null ? '—' : formatDuration(s));

/**
 * A plain-text table per quarter, for people; --format json is for scripts. Columns are as wide
 * as their longest cell across all quarters, so "2875 d 16 h 40 min" does not push a row out of line.
 */
export function trendsTable(t: Trends): string {
  const rows = t.quarters.map((q) => ({
    head: `${q.quarter}: ${q.incidents} incident(s)`,
    cells: METRIC_DEFINITIONS.map((d) => {
      const m: MetricStats = q.metrics[d.key];
      const left = m.missing + m.outOfOrder;
      return [
        d.label,
        `n=${m.n}`,
        `mean ${fmt(m.mean)}`,
        `median ${fmt(m.median)}`,
        `p90 ${fmt(m.p90)}`,
        left > 0 ? `left out: ${m.missing} missing, ${m.outOfOrder} out of order` : '',
      ];
    }),
  }));
  const widths: number[] = [];
  for (const r of rows)
    for (const cells of r.cells)
      for (const [i, c] of cells.entries()) widths[i] = Math.max(widths[i] ?? 0, c.length);
  const lines: string[] = [];
  if (t.quarters.length === 0) lines.push('No boards in range.');
  for (const r of rows) {
    lines.push(r.head);
    for (const cells of r.cells)
      lines.push(`  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
  }
  if (t.undated > 0) lines.push(`${t.undated} board(s) have no date and are in no quarter.`);
  return `${lines.join('\n')}\n`;
}

/** Adds the `metrics` command. */
export function registerMetrics(program: Command, io: Io): void {
  program
    .command('metrics')
    .description('incident count and mean/median/p90 of each metric per quarter')
    .argument('<sources...>', 'RCA exports or backups (every board in them), or one relay URL')
    .option('--from <date>', 'first incident date, YYYY-MM-DD')
    .option('--to <date>', 'last incident date, YYYY-MM-DD (inclusive)')
    .option('-f, --format <format>', 'table or json', 'table')
    .option('-o, --out <file>', 'write here instead of stdout')
    .option('--token <token>', "the relay's trends token or an invite (or CAUSEWAY_TOKEN)")
    .action(
      async (
        sources: string[],
        opts: { from?: string; to?: string; format: string; out?: string; token?: string },
      ) => {
        if (opts.format !== 'table' && opts.format !== 'json') {
          throw new CliError(EXIT.usage, '--format must be table or json');
        }
        // An empty --from '' means "not set", as on the relay.
        const from = opts.from?.trim() || undefined;
        const to = opts.to?.trim() || undefined;
        for (const [k, v] of [
          ['--from', from],
          ['--to', to],
        ] as const) {
          const message = v === undefined ? null : rangeBoundMessage(k, v);
          if (message) throw new CliError(EXIT.usage, message);
        }
        if (from && to && Date.parse(from) > Date.parse(to)) {
          throw new CliError(EXIT.usage, `--from (${from}) is later than --to (${to})`);
        }
        const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
        const urls = sources.filter((s) => /^https?:\/\//i.test(s));
        let trends: Trends;
        if (urls.length > 0) {
          if (sources.length > 1)
            throw new CliError(EXIT.usage, 'give either one relay URL or files, not both');
          const base = new URL(urls[0] as string).origin;
          const url = new URL(`/api/metrics?${new URLSearchParams(range)}`, base);
          const answer = await callRelay(url, { method: 'GET' }, tokenFrom(opts.token));
          trends = expectOk(answer, 'metrics').body as unknown as Trends;
        } else {
          trends = computeTrends(
            sources.flatMap((p) => readBoardFiles(p).map((b) => summariseRca(b.rca))),
            range,
          );
        }
        emit(
          io,
          opts.format === 'json' ? `${JSON.stringify(trends, null, 2)}\n` : trendsTable(trends),
          opts.out,
        );
      },
    );
}
