import {
  METRIC_DEFINITIONS,
  type MetricKey,
  type MetricStats,
  type QuarterTrend,
} from '@causeway/core';
import { describe, expect, it } from 'vitest';
import { fillQuarters } from './fillQuarters.ts';

const q = (quarter: string, incidents: number): QuarterTrend => {
  const metrics = {} as Record<MetricKey, MetricStats>;
  for (const d of METRIC_DEFINITIONS)
    metrics[d.key] = { n: 1, mean: 60, median: 60, p90: 60, missing: 0, outOfOrder: 0 };
  return { quarter, incidents, metrics };
};

describe('fillQuarters', () => {
  it('puts back the empty quarters between two with incidents, across a year end', () => {
    const out = fillQuarters([q('2016-Q3', 2), q('2017-Q2', 1)]);
    expect(out.cappedSpan).toBeNull();
    expect(out.quarters.map((x) => [x.quarter, x.incidents])).toEqual([
      ['2016-Q3', 2],
      ['2016-Q4', 0],
      ['2017-Q1', 0],
      ['2017-Q2', 1],
    ]);
    const empty = out.quarters[1];
    for (const d of METRIC_DEFINITIONS)
      expect(empty?.metrics[d.key]).toMatchObject({ n: 0, mean: null, median: null, p90: null });
  });

  it('fills up to the cap and leaves a longer span as it is, saying how long it is', () => {
    expect(fillQuarters([q('2015-Q1', 1), q('2024-Q4', 1)]).quarters).toHaveLength(40);
    const over = fillQuarters([q('2015-Q1', 1), q('2025-Q1', 1)]);
    expect(over.cappedSpan).toBe(41);
    expect(over.quarters.map((x) => x.quarter)).toEqual(['2015-Q1', '2025-Q1']);
  });

  it('leaves no quarters and one quarter alone', () => {
    expect(fillQuarters([])).toEqual({ quarters: [], cappedSpan: null });
    expect(fillQuarters([q('2024-Q1', 3)]).quarters.map((x) => x.quarter)).toEqual(['2024-Q1']);
  });
});
