/**
 * Metrics across boards, per calendar quarter (UTC): incident count and the mean, median and 90th
 * percentile of each metric. A board whose milestones for a metric are missing or out of order is
 * left out of that metric only, and counted, so a reader knows how many boards a figure rests on.
 */
import { DateTime } from 'luxon';
import type { TimelineEvent } from '../board/types.ts';
import type { RcaExport } from '../export/rca.ts';
import { computeMetrics, METRIC_DEFINITIONS, type MetricKey } from './metrics.ts';

export type Exclusion = 'missing' | 'out-of-order';

/** One board reduced to what trends need. */
export interface BoardSummary {
  readonly room: string;
  readonly title: string;
  /** When the incident happened: detection milestone, else first event, else board creation. */
  readonly incidentAt: string | null;
  readonly metrics: Readonly<Record<MetricKey, number | null>>;
  readonly excluded: Readonly<Partial<Record<MetricKey, Exclusion>>>;
}

const firstTime = (times: readonly (string | null | undefined)[]) =>
  times.find((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t))) ?? null;

/** A board's summary from its live timeline. */
export function summariseTimeline(input: {
  readonly room: string;
  readonly title: string;
  readonly createdAt: string;
  readonly timeline: readonly TimelineEvent[];
}): BoardSummary {
  const r = computeMetrics(input.timeline);
  const metrics = {} as Record<MetricKey, number | null>;
  const excluded: Partial<Record<MetricKey, Exclusion>> = {};
  for (const v of r.values) {
    metrics[v.key] = v.seconds;
    if (v.outOfOrder) excluded[v.key] = 'out-of-order';
    else if (v.seconds === null) excluded[v.key] = 'missing';
  }
  const valid = input.timeline.filter((e) => Number.isFinite(e.epochMs));
  return {
    room: input.room,
    title: input.title,
    incidentAt: firstTime([r.milestones.detection?.time, valid[0]?.time, input.createdAt]),
    metrics,
    excluded,
  };
}

/** A board's summary from an RCA export (files handed to the CLI). */
export function summariseRca(rca: RcaExport): BoardSummary {
  const excluded: Partial<Record<MetricKey, Exclusion>> = {};
  for (const d of METRIC_DEFINITIONS) {
    if (rca.metrics[d.key] !== null) continue;
    const out = rca.warnings.some((w) => w.code === 'metric-out-of-order' && w.metric === d.key);
    excluded[d.key] = out ? 'out-of-order' : 'missing';
  }
  const times = rca.timeline.map((e) => e.timeUtc);
  return {
    room: rca.room,
    title: rca.board.title,
    incidentAt: firstTime([
      rca.milestones.detection as string | undefined,
      ...times,
      rca.board.createdAt,
    ]),
    metrics: rca.metrics,
    excluded,
  };
}

/** "2024-Q2" for an instant, by its UTC date. */
export function quarterOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** Linear-interpolated percentile of sorted values (the R-7 / spreadsheet PERCENTILE method). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export interface MetricStats {
  /** Boards the figures rest on. */
  readonly n: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
  /** Boards left out because a milestone was missing / the pair was out of order. */
  readonly missing: number;
  readonly outOfOrder: number;
}

export interface QuarterTrend {
  readonly quarter: string;
  readonly incidents: number;
  readonly metrics: Readonly<Record<MetricKey, MetricStats>>;
}

export interface Trends {
  readonly from: string | null;
  readonly to: string | null;
  readonly quarters: readonly QuarterTrend[];
  /** Boards with no date at all (no events and no creation time); they are in no quarter. */
  readonly undated: number;
}

function stats(values: readonly number[], missing: number, outOfOrder: number): MetricStats {
  if (values.length === 0)
    return { n: 0, mean: null, median: null, p90: null, missing, outOfOrder };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return {
    n: sorted.length,
    mean,
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    missing,
    outOfOrder,
  };
}

/** The shape of a trends bound: a date, or an instant with its offset. */
const RANGE_BOUND = /^\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Why `value` cannot bound a trends range, or null when it can. Date.parse rolls an impossible
 * day over (2024-02-30 is 1 March), so the calendar is checked by luxon, which refuses it; its
 * own explanation ("you specified 30 (of type number) as a day") is not shown to users.
 */
export function rangeBoundProblem(value: string): string | null {
  if (!RANGE_BOUND.test(value))
    return 'expected a date like 2024-01-31 or an instant with an offset';
  if (DateTime.fromISO(value, { setZone: true }).isValid) return null;
  return DateTime.fromISO(value.slice(0, 10)).isValid ? 'not a time of day' : 'not a calendar date';
}

/**
 * The readable refusal of a trends bound called `name` (from, --to …), or null when it is fine:
 * the relay and the CLI say the same thing, never a raw schema pattern or a library's wording.
 */
export function rangeBoundMessage(name: string, value: string): string | null {
  if (!RANGE_BOUND.test(value)) {
    return `${name} must be a date like 2024-01-31 or a date-time with an offset like 2024-01-31T08:00:00Z, got "${value}"`;
  }
  const problem = rangeBoundProblem(value);
  return problem ? `${name} is ${problem}: ${value}` : null;
}

/**
 * Groups boards by the quarter of their incident and computes each metric's figures. `from` and
 * `to` (ISO dates or instants, inclusive; a bare date `to` covers that whole day) filter by incident time.
 */
export function computeTrends(
  boards: readonly BoardSummary[],
  range: { readonly from?: string; readonly to?: string } = {},
): Trends {
  const fromMs = range.from ? Date.parse(range.from) : Number.NEGATIVE_INFINITY;
  const toMs = range.to
    ? Date.parse(range.to) + (/^\d{4}-\d{2}-\d{2}$/.test(range.to) ? 86_400_000 - 1 : 0)
    : Number.POSITIVE_INFINITY;
  const byQuarter = new Map<string, BoardSummary[]>();
  let undated = 0;
  for (const b of boards) {
    if (b.incidentAt === null) {
      undated++;
      continue;
    }
    const at = Date.parse(b.incidentAt);
    if (at < fromMs || at > toMs) continue;
    const q = quarterOf(b.incidentAt);
    byQuarter.set(q, [...(byQuarter.get(q) ?? []), b]);
  }
  const quarters = [...byQuarter.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([quarter, list]) => {
      const metrics = {} as Record<MetricKey, MetricStats>;
      for (const d of METRIC_DEFINITIONS) {
        const values = list.map((b) => b.metrics[d.key]).filter((v): v is number => v !== null);
        const missing = list.filter((b) => b.excluded[d.key] === 'missing').length;
        const outOfOrder = list.filter((b) => b.excluded[d.key] === 'out-of-order').length;
        metrics[d.key] = stats(values, missing, outOfOrder);
      }
      return { quarter, incidents: list.length, metrics };
    });
  return { from: range.from ?? null, to: range.to ?? null, quarters, undated };
}
