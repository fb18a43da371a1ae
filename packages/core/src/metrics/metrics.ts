/**
 * Incident metrics from a timeline's milestones (docs/adr/0003-metric-definitions.md).
 * A metric is never negative: a pair in the wrong order gives null and a warning naming both
 * events, because a reviewer must see the contradiction rather than a silently wrong number.
 */
import type { Phase, TimelineEvent } from '../board/types.ts';

export type MetricKey =
  | 'dwellSeconds'
  | 'timeToTriageSeconds'
  | 'timeToContainSeconds'
  | 'timeToRecoverSeconds'
  | 'totalDurationSeconds';

export interface MetricDefinition {
  readonly key: MetricKey;
  readonly label: string;
  readonly from: Phase;
  readonly to: Phase;
  /** Shown on screen and in exports, e.g. "detection − compromise". */
  readonly definition: string;
}

export interface MetricValue {
  readonly key: MetricKey;
  readonly seconds: number | null;
  /** Why seconds is null: the missing milestones, or the out-of-order pair. */
  readonly missing: readonly Phase[];
  readonly outOfOrder: boolean;
}

export interface MetricWarning {
  /** Always 'out-of-order' today; a code so UIs can filter without parsing the message. */
  readonly code: 'out-of-order';
  readonly metric: MetricKey;
  readonly message: string;
  readonly fromEventId: string;
  readonly toEventId: string;
}

export interface MetricsResult {
  /** Phase -> earliest event tagged with it. */
  readonly milestones: Partial<Record<Phase, TimelineEvent>>;
  readonly values: readonly MetricValue[];
  readonly warnings: readonly MetricWarning[];
}

const def = (key: MetricKey, label: string, from: Phase, to: Phase): MetricDefinition => ({
  key,
  label,
  from,
  to,
  definition: `${to} − ${from}`,
});

/** The five metrics, in display order; each is `to` milestone minus `from` milestone. */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  def('dwellSeconds', 'Dwell time', 'compromise', 'detection'),
  def('timeToTriageSeconds', 'Time to triage', 'detection', 'triage'),
  def('timeToContainSeconds', 'Time to contain', 'detection', 'containment'),
  def('timeToRecoverSeconds', 'Time to recover', 'eradication', 'recovery'),
  def('totalDurationSeconds', 'Total duration', 'detection', 'closure'),
];

/** Phase -> earliest event tagged with it (ties by id); events whose time does not parse are skipped. */
export function findMilestones(
  timeline: readonly TimelineEvent[],
): Partial<Record<Phase, TimelineEvent>> {
  const out: Partial<Record<Phase, TimelineEvent>> = {};
  for (const e of timeline) {
    if (e.phase === null || !Number.isFinite(e.epochMs)) continue;
    const cur = out[e.phase];
    if (!cur || e.epochMs < cur.epochMs || (e.epochMs === cur.epochMs && e.id < cur.id)) {
      out[e.phase] = e;
    }
  }
  return out;
}

const MAX_DESCRIPTION_IN_MESSAGE = 200;
const quote = (e: TimelineEvent) =>
  e.description.length > MAX_DESCRIPTION_IN_MESSAGE
    ? `"${e.description.slice(0, MAX_DESCRIPTION_IN_MESSAGE)}…"`
    : `"${e.description}"`;

function outOfOrderMessage(d: MetricDefinition, from: TimelineEvent, to: TimelineEvent): string {
  return (
    `${d.label} left blank: the ${d.to} milestone ${to.id} ${quote(to)} at ${to.time} ` +
    `is before the ${d.from} milestone ${from.id} ${quote(from)} at ${from.time}.`
  );
}

/** Milestones, the five metrics in seconds (null when missing or out of order), and warnings. */
export function computeMetrics(timeline: readonly TimelineEvent[]): MetricsResult {
  const milestones = findMilestones(timeline);
  const values: MetricValue[] = [];
  const warnings: MetricWarning[] = [];
  for (const d of METRIC_DEFINITIONS) {
    const from = milestones[d.from];
    const to = milestones[d.to];
    if (!from || !to) {
      const missing = [from ? null : d.from, to ? null : d.to].filter((p) => p !== null);
      values.push({ key: d.key, seconds: null, missing, outOfOrder: false });
      continue;
    }
    if (to.epochMs < from.epochMs) {
      values.push({ key: d.key, seconds: null, missing: [], outOfOrder: true });
      warnings.push({
        code: 'out-of-order',
        metric: d.key,
        message: outOfOrderMessage(d, from, to),
        fromEventId: from.id,
        toEventId: to.id,
      });
      continue;
    }
    values.push({
      key: d.key,
      seconds: (to.epochMs - from.epochMs) / 1000,
      missing: [],
      outOfOrder: false,
    });
  }
  return { milestones, values, warnings };
}

/** The value of one metric from a result, for callers that want `metrics.dwellSeconds`-style access. */
export function metricSeconds(result: MetricsResult, key: MetricKey): number | null {
  return result.values.find((v) => v.key === key)?.seconds ?? null;
}
