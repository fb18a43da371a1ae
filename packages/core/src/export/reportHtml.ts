/**
 * The review as one print-ready HTML page (the browser's print makes the PDF). No user text is
 * ever parsed as markup: every string is escaped, and a Content-Security-Policy that allows no
 * script at all is the second line of defence should an escape ever be missed.
 */
import { escapeHtml as esc } from './escape.ts';
import { fishboneSvg } from './fishboneSvg.ts';
import type { RcaCause, RcaExport, RcaWhy } from './rca.ts';
import { reportModel } from './reportModel.ts';

/** The policy the page declares (and the relay also sends as a header). */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color: #1c2430; font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
/* A pasted hash or URL with no space in it wraps instead of widening the page past the paper. */
body { max-width: 1100px; margin: 24px auto; padding: 0 24px; overflow-wrap: anywhere; }
h1 { font-size: 20pt; margin: 0 0 4px; }
h2 { font-size: 14pt; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #d9dde3; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 16px 0 6px; break-after: avoid; }
p { margin: 6px 0; }
.meta { color: #4a5566; }
.empty { color: #6b7585; font-style: italic; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: 8px 0; font-size: 9.5pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #d9dde3; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f2f5; overflow-wrap: normal; white-space: nowrap; }
tr { break-inside: avoid; }
td.nowrap { white-space: nowrap; }
td.when { white-space: pre; }
/* One-word sources and actors stay whole beside a long description; only a longer word breaks. */
td.words { min-width: 8em; }
ul { margin: 4px 0; padding-left: 22px; }
.root { font-weight: 700; color: #c23934; }
.fishbone svg { max-width: 100%; box-sizing: border-box; height: auto; border: 1px solid #d9dde3; }
pre { background: #f5f6f8; border: 1px solid #d9dde3; padding: 8px; font-size: 9pt; white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; }
.bad { color: #c23934; } .ok { color: #1f7a4d; }
@page { margin: 16mm 14mm; }
@media print { body { margin: 0; max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
`;

const text = (s: string, none: string) =>
  s.trim() === '' ? `<p class="empty">${esc(none)}</p>` : `<div class="text">${esc(s)}</div>`;

/** `classes` maps a column's index to the class of its cells (nowrap, when, words). */
function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  classes: Readonly<Record<number, string>> = {},
) {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${classes[i] ? ` class="${classes[i]}"` : ''}>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const NOWRAP = 'nowrap';
const nowrap = (...cols: number[]) => Object.fromEntries(cols.map((c) => [c, NOWRAP]));

/**
 * An event's time as UTC, then as its source wrote it when that differs: sources mix offsets, so
 * only the UTC line shows the table's order at a glance.
 */
const whenCell = (time: string, utc: string | null) =>
  utc === null || utc === time ? time : `${utc}\n${time}`;

function whyList(w: RcaWhy): string {
  if (w.children.length === 0) return '';
  const items = w.children.map((c) => {
    const root = c.isRootCause ? ' <span class="root">(root cause)</span>' : '';
    const ev =
      c.evidence.length > 0
        ? ` <span class="meta">(evidence: ${c.evidence.length} event${c.evidence.length === 1 ? '' : 's'})</span>`
        : '';
    return `<li>${esc(c.text) || '<span class="empty">(empty)</span>'}${root}${ev}${whyList(c)}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

function causeList(causes: readonly RcaCause[]): string {
  if (causes.length === 0) return '';
  return `<ul>${causes.map((c) => `<li>${esc(c.text) || '(empty)'}${causeList(c.subCauses)}</li>`).join('')}</ul>`;
}

/** Renders the whole report as a standalone HTML document. */
export function reportHtml(rca: RcaExport): string {
  const m = reportModel(rca);
  const b = rca.board;
  const h: string[] = [];
  h.push(
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`Post-incident review: ${m.title}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
  );
  const metaLine = [
    `Incident ${esc(b.incidentId || '—')}`,
    esc(b.severity),
    `exported ${esc(rca.exportedAt)}`,
    ...(rca.snapshot ? [`snapshot “${esc(rca.snapshot.label)}”`] : []),
    ...(b.template ? [`template ${esc(b.template)}`] : []),
  ].join(' · ');
  h.push(`<h1>Post-incident review: ${esc(m.title)}</h1>`, `<p class="meta">${metaLine}</p>`);

  h.push('<h2>Executive summary</h2>', text(rca.executiveSummary, 'No executive summary written.'));

  h.push('<h2>Incident summary</h2>');
  h.push(
    `<p><strong>Problem statement:</strong> ${esc(b.problem) || '<span class="empty">not set</span>'}</p>`,
  );
  h.push(`<p><strong>Timeline:</strong> ${esc(m.span)}.</p>`);
  if (m.milestones.length > 0) {
    h.push(
      table(
        ['Milestone', 'Earliest event tagged with it'],
        m.milestones.map((ms) => [ms.phase, ms.time]),
      ),
    );
  }

  h.push('<h2>Timeline</h2>');
  h.push(
    rca.timeline.length === 0
      ? '<p class="empty">No events.</p>'
      : table(
          ['Time (UTC / as recorded)', 'Phase', 'Description', 'Source', 'Actor'],
          rca.timeline.map((e) => [
            whenCell(e.time, e.timeUtc),
            e.phase ?? '',
            e.description,
            e.source,
            e.actor,
          ]),
          { 0: 'when', 1: NOWRAP, 3: 'words', 4: 'words' },
        ),
  );

  h.push('<h2>Metrics</h2>');
  h.push(
    table(
      ['Metric', 'Value', 'Definition'],
      m.metrics.map((r) => [r.label, r.value, r.definition]),
      nowrap(1),
    ),
  );
  if (m.warnings.length > 0) {
    h.push(
      '<p><strong>Warnings</strong></p>',
      `<ul>${m.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`,
    );
  }

  h.push('<h2>5 Whys</h2>');
  h.push(
    `<p><strong>Problem:</strong> ${esc(rca.whys.text) || '<span class="empty">not set</span>'}</p>`,
  );
  h.push(whyList(rca.whys) || '<p class="empty">No whys yet.</p>');

  h.push('<h2>Fishbone</h2>', `<div class="fishbone">${fishboneSvg(rca.fishbone)}</div>`);
  for (const cat of rca.fishbone.categories) {
    h.push(`<h3>${esc(cat.name) || '(unnamed category)'}</h3>`);
    h.push(causeList(cat.causes) || '<p class="empty">No causes.</p>');
  }

  h.push('<h2>Root cause</h2>', text(rca.rootCause, 'Not agreed yet.'));

  h.push('<h2>Action items</h2>');
  h.push(
    rca.actionItems.length === 0
      ? '<p class="empty">No action items.</p>'
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
          // One-word values never break mid-word ("propose d") however long the text beside them.
          nowrap(2, 3, 4, 6),
        ),
  );

  h.push('<h2>Playbook updates</h2>');
  h.push(
    rca.playbookUpdates.length === 0
      ? '<p class="empty">No playbook updates.</p>'
      : table(
          ['Playbook', 'Proposed change', 'Answers', 'Status'],
          rca.playbookUpdates.map((p) => [p.playbook, p.change, m.refLabel(p.answers), p.status]),
          nowrap(3),
        ),
  );

  h.push('<h2>Detection rules</h2>');
  if (m.rules.length === 0) h.push('<p class="empty">No detection rules.</p>');
  for (const r of m.rules) {
    const cls = r.validity.startsWith('valid') ? 'ok' : 'bad';
    h.push(
      `<h3>${esc(r.title) || '(untitled rule)'}</h3>`,
      `<p class="meta">Drafted from: ${esc(r.source)} · Sigma check: <span class="${cls}">${esc(r.validity)}</span></p>`,
      `<pre><code>${esc(r.yaml)}</code></pre>`,
    );
  }

  h.push('<h2>Meeting minutes</h2>', text(rca.meetingMinutes, 'No minutes taken.'));
  h.push('</body></html>', '');
  return h.join('\n');
}
