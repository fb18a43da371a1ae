/** The review as a Markdown document; every user-typed string goes through escape.ts. */
import {
  escapeMarkdownBlock as block,
  escapeMarkdownCell as cell,
  escapeMarkdownInline as inline,
  markdownFence,
} from './escape.ts';
import { fishboneSvg } from './fishboneSvg.ts';
import type { RcaCause, RcaExport, RcaWhy } from './rca.ts';
import { reportModel } from './reportModel.ts';

const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');

const orNone = (s: string, none: string) => (s.trim() === '' ? `_${none}_` : block(s));

function whyList(w: RcaWhy, depth: number, out: string[]): void {
  for (const c of w.children) {
    const mark = c.isRootCause ? ' **(root cause)**' : '';
    const ev =
      c.evidence.length > 0
        ? ` _(evidence: ${c.evidence.length} event${c.evidence.length === 1 ? '' : 's'})_`
        : '';
    out.push(`${'  '.repeat(depth)}- ${inline(c.text) || '_(empty)_'}${mark}${ev}`);
    whyList(c, depth + 1, out);
  }
}

function causeList(causes: readonly RcaCause[], depth: number, out: string[]): void {
  for (const c of causes) {
    out.push(`${'  '.repeat(depth)}- ${inline(c.text) || '_(empty)_'}`);
    causeList(c.subCauses, depth + 1, out);
  }
}

/** A data: URI that Markdown link syntax cannot break out of (parentheses are encoded too). */
const svgDataUri = (svg: string) =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))}`;

/** Renders the whole report as Markdown (GFM tables). */
export function reportMarkdown(rca: RcaExport): string {
  const m = reportModel(rca);
  const b = rca.board;
  const out: string[] = [];
  out.push(`# Post-incident review: ${inline(m.title)}`, '');
  out.push(
    `Incident ${inline(b.incidentId) || '—'} · ${b.severity} · exported ${inline(rca.exportedAt)}${rca.snapshot ? ` · snapshot “${inline(rca.snapshot.label)}”` : ''}${b.template ? ` · template ${inline(b.template)}` : ''}`,
    '',
  );

  out.push(
    '## Executive summary',
    '',
    orNone(rca.executiveSummary, 'No executive summary written.'),
    '',
  );

  out.push('## Incident summary', '');
  out.push(`**Problem statement:** ${inline(b.problem) || '_not set_'}`, '');
  out.push(`**Timeline:** ${inline(m.span)}.`, '');
  if (m.milestones.length > 0) {
    out.push('**Milestones** (earliest event tagged with each phase):', '');
    for (const ms of m.milestones) out.push(`- ${ms.phase}: ${inline(ms.time)}`);
    out.push('');
  }

  out.push('## Timeline', '');
  out.push(
    rca.timeline.length === 0
      ? '_No events._'
      : table(
          // UTC first: sources mix offsets, so only UTC shows the order at a glance.
          ['Time (UTC)', 'Time (as recorded)', 'Phase', 'Description', 'Source', 'Actor'],
          rca.timeline.map((e) => [
            e.timeUtc ?? '',
            e.time,
            e.phase ?? '',
            e.description,
            e.source,
            e.actor,
          ]),
        ),
    '',
  );

  out.push('## Metrics', '');
  out.push(
    table(
      ['Metric', 'Value', 'Definition'],
      m.metrics.map((r) => [r.label, r.value, r.definition]),
    ),
    '',
  );
  if (m.warnings.length > 0) {
    out.push('**Warnings:**', '', ...m.warnings.map((w) => `- ${inline(w)}`), '');
  }

  out.push('## 5 Whys', '', `**Problem:** ${inline(rca.whys.text) || '_not set_'}`, '');
  const whys: string[] = [];
  whyList(rca.whys, 0, whys);
  out.push(whys.length > 0 ? whys.join('\n') : '_No whys yet._', '');

  out.push('## Fishbone', '');
  out.push(`![Fishbone diagram](${svgDataUri(fishboneSvg(rca.fishbone))})`, '');
  for (const cat of rca.fishbone.categories) {
    out.push(`### ${inline(cat.name) || '(unnamed category)'}`, '');
    const list: string[] = [];
    causeList(cat.causes, 0, list);
    out.push(list.length > 0 ? list.join('\n') : '_No causes._', '');
  }

  out.push('## Root cause', '', orNone(rca.rootCause, 'Not agreed yet.'), '');

  out.push('## Action items', '');
  out.push(
    rca.actionItems.length === 0
      ? '_No action items._'
      : table(
          ['Action', 'Owner', 'Due', 'Priority', 'Status', 'Addresses', 'Jira'],
          rca.actionItems.map((a) => [
            a.title,
            a.owner,
            a.dueDate ?? '',
            a.priority,
            a.status,
            m.refLabel(a.addresses),
            a.jiraKey ?? '',
          ]),
        ),
    '',
  );

  out.push('## Playbook updates', '');
  out.push(
    rca.playbookUpdates.length === 0
      ? '_No playbook updates._'
      : table(
          ['Playbook', 'Proposed change', 'Answers', 'Status'],
          rca.playbookUpdates.map((p) => [p.playbook, p.change, m.refLabel(p.answers), p.status]),
        ),
    '',
  );

  out.push('## Detection rules', '');
  if (m.rules.length === 0) out.push('_No detection rules._', '');
  for (const r of m.rules) {
    out.push(`### ${inline(r.title) || '(untitled rule)'}`, '');
    out.push(`Drafted from: ${inline(r.source)} · Sigma check: ${inline(r.validity)}`, '');
    out.push(markdownFence(r.yaml, 'yaml'), '');
  }

  out.push('## Meeting minutes', '', orNone(rca.meetingMinutes, 'No minutes taken.'), '');
  return out.join('\n');
}
