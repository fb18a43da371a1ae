/**
 * What both report formats (Markdown and HTML) show, worked out once from an RCA export: the
 * labels of linked causes, metric rows with their definitions, rule validity. The renderers only
 * lay it out and escape it.
 */
import { PHASES, type Phase } from '../board/types.ts';
import { formatDuration } from '../metrics/duration.ts';
import { validateSigmaRule } from '../sigma/validate.ts';
import type { RcaCause, RcaExport, RcaWhy } from './rca.ts';

export interface MetricRow {
  readonly label: string;
  /** "13 d 0 h (1123200 s)", or "not computed". */
  readonly value: string;
  /** "detection − compromise: from the first event tagged compromise to …". */
  readonly definition: string;
}

export interface RuleRow {
  readonly title: string;
  readonly yaml: string;
  readonly source: string;
  /** "valid", "valid, 2 warnings" or "3 errors (first: line 4: …)". */
  readonly validity: string;
}

export interface ReportModel {
  readonly rca: RcaExport;
  readonly title: string;
  readonly milestones: readonly { readonly phase: Phase; readonly time: string }[];
  readonly metrics: readonly MetricRow[];
  readonly warnings: readonly string[];
  /** "why:<id>" / "cause:<id>" / "action:<id>" → a short label for tables. */
  readonly refLabel: (ref: { readonly kind: string; readonly id: string } | null) => string;
  readonly rules: readonly RuleRow[];
  readonly span: string;
}

function collectWhys(w: RcaWhy, out: Map<string, string>): void {
  for (const c of w.children) {
    out.set(`why:${c.id}`, `Why: ${c.text}`);
    collectWhys(c, out);
  }
}

function collectCauses(category: string, causes: readonly RcaCause[], out: Map<string, string>) {
  for (const c of causes) {
    out.set(`cause:${c.id}`, `${category}: ${c.text}`);
    collectCauses(category, c.subCauses, out);
  }
}

/** Derives the report's rows from an RCA export. */
export function reportModel(rca: RcaExport): ReportModel {
  const labels = new Map<string, string>();
  collectWhys(rca.whys, labels);
  for (const cat of rca.fishbone.categories) collectCauses(cat.name, cat.causes, labels);
  for (const a of rca.actionItems) labels.set(`action:${a.id}`, `Action: ${a.title}`);
  const refLabel: ReportModel['refLabel'] = (ref) =>
    ref ? (labels.get(`${ref.kind}:${ref.id}`) ?? '(a deleted item)') : '—';

  const metrics = rca.metricDefinitions.map((d) => {
    const s = rca.metrics[d.key];
    return {
      label: d.label,
      value: s === null ? 'not computed' : `${formatDuration(s)} (${s} s)`,
      definition: `${d.definition}: from the earliest event tagged ${d.from} to the earliest tagged ${d.to}`,
    };
  });

  const rules = rca.detectionRules.map((r) => {
    const v = validateSigmaRule(r.yaml);
    const errors = v.issues.filter((i) => i.severity === 'error');
    const warnings = v.issues.length - errors.length;
    const first = errors[0];
    return {
      title: r.title,
      yaml: r.yaml,
      source: refLabel(r.source),
      validity:
        errors.length === 0
          ? warnings === 0
            ? 'valid'
            : `valid, ${warnings} warning${warnings === 1 ? '' : 's'}`
          : `${errors.length} error${errors.length === 1 ? '' : 's'} (first: ${first?.line ? `line ${first.line}: ` : ''}${first?.message ?? ''})`,
    };
  });

  const times = rca.timeline.map((e) => e.timeUtc).filter((t): t is string => t !== null);
  const span =
    times.length === 0
      ? 'no events'
      : `${rca.timeline.length} events from ${times[0]} to ${times.at(-1)} (UTC)`;

  return {
    rca,
    title: rca.board.title || 'Untitled review',
    milestones: PHASES.flatMap((phase) => {
      const time = rca.milestones[phase];
      return time ? [{ phase, time }] : [];
    }),
    metrics,
    warnings: rca.warnings.map((w) => w.message),
    refLabel,
    rules,
    span,
  };
}
