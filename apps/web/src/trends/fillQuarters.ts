import {
  METRIC_DEFINITIONS,
  type MetricKey,
  type MetricStats,
  type QuarterTrend,
} from '@causeway/core';

/** More quarters than this are not padded out: 40 bars (ten years) are already thin. */
export const MAX_QUARTERS = 40;

export interface FilledQuarters {
  readonly quarters: readonly QuarterTrend[];
  /** How many quarters the range spans when that is over the cap (then no gap is filled). */
  readonly cappedSpan: number | null;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** "2024-Q2" → a running count of quarters, so that gaps are a subtraction. */
const index = (q: string): number | null => {
  const m = QUARTER.exec(q);
  return m ? Number(m[1]) * 4 + Number(m[2]) - 1 : null;
};

const label = (i: number) => `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;

const NONE: MetricStats = { n: 0, mean: null, median: null, p90: null, missing: 0, outOfOrder: 0 };

function emptyQuarter(quarter: string): QuarterTrend {
  const metrics = {} as Record<MetricKey, MetricStats>;
  for (const d of METRIC_DEFINITIONS) metrics[d.key] = NONE;
  return { quarter, incidents: 0, metrics };
}

/**
 * The sorted quarters with the empty ones between them put back (no incident, no figures), so
 * that 2016-Q4 never sits beside 2024-Q1 as if they were neighbours. Over `max` quarters the
 * list is left as it is and the span is reported, for the page to say so.
 */
export function fillQuarters(
  quarters: readonly QuarterTrend[],
  max: number = MAX_QUARTERS,
): FilledQuarters {
  const first = quarters[0];
  const last = quarters.at(-1);
  const a = first ? index(first.quarter) : null;
  const b = last ? index(last.quarter) : null;
  if (a === null || b === null) return { quarters, cappedSpan: null };
  const span = b - a + 1;
  if (span > max) return { quarters, cappedSpan: span };
  const byLabel = new Map(quarters.map((q) => [q.quarter, q]));
  const out: QuarterTrend[] = [];
  for (let i = a; i <= b; i++) out.push(byLabel.get(label(i)) ?? emptyQuarter(label(i)));
  return { quarters: out, cappedSpan: null };
}
