/** Trends per quarter: counts, mean/median/p90 worked out by hand, exclusions counted. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEvents, initBoard, readTimeline } from '../board/doc.ts';
import type { Phase } from '../board/types.ts';
import { buildRcaExport } from '../export/rca.ts';
import {
  computeTrends,
  percentile,
  quarterOf,
  rangeBoundMessage,
  summariseRca,
  summariseTimeline,
} from './trends.ts';

/** A board detected at `detected`, compromised `dwellH` hours before (negative = out of order). */
function board(room: string, detected: string, dwellH: number | null, extra: Phase[] = []) {
  const doc = new Y.Doc();
  initBoard(doc, { title: room });
  const det = Date.parse(detected);
  const events = [{ time: detected, description: 'alert', phase: 'detection' as Phase }];
  if (dwellH !== null) {
    events.push({
      time: new Date(det - dwellH * 3_600_000).toISOString(),
      description: 'in',
      phase: 'compromise',
    });
  }
  for (const [i, p] of extra.entries()) {
    events.push({
      time: new Date(det + (i + 1) * 600_000).toISOString(),
      description: p,
      phase: p,
    });
  }
  addEvents(doc, events);
  return doc;
}

const summary = (room: string, doc: Y.Doc) =>
  summariseTimeline({
    room,
    title: room,
    createdAt: '2020-01-01T00:00:00Z',
    timeline: readTimeline(doc),
  });

describe('trends', () => {
  it('quarters by UTC date and percentiles interpolate', () => {
    expect(quarterOf('2024-03-31T23:30:00-02:00')).toBe('2024-Q2');
    expect(quarterOf('2024-01-01T00:00:00Z')).toBe('2024-Q1');
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBeCloseTo(91);
  });

  it('groups boards per quarter with mean, median, p90 and counts exclusions', () => {
    const boards = [
      summary('a', board('a', '2024-01-10T00:00:00Z', 1)),
      summary('b', board('b', '2024-02-10T00:00:00Z', 2)),
      summary('c', board('c', '2024-03-10T00:00:00Z', 6)),
      summary('d', board('d', '2024-03-11T00:00:00Z', null)),
      summary('e', board('e', '2024-03-12T00:00:00Z', -1)),
      summary('f', board('f', '2024-04-02T00:00:00Z', 4, ['containment'])),
    ];
    const t = computeTrends(boards);
    expect(t.quarters.map((q) => [q.quarter, q.incidents])).toEqual([
      ['2024-Q1', 5],
      ['2024-Q2', 1],
    ]);
    const q1 = t.quarters[0]?.metrics.dwellSeconds;
    // Dwell 1 h, 2 h, 6 h: mean 3 h, median 2 h, p90 = 2 + 0.8 × (6 − 2) = 5.2 h.
    expect(q1).toEqual({
      n: 3,
      mean: 3 * 3600,
      median: 2 * 3600,
      p90: 5.2 * 3600,
      missing: 1,
      outOfOrder: 1,
    });
    expect(t.quarters[1]?.metrics.timeToContainSeconds).toMatchObject({ n: 1, mean: 600 });
    expect(t.quarters[0]?.metrics.timeToContainSeconds).toMatchObject({
      n: 0,
      mean: null,
      missing: 5,
    });
  });

  it('filters by from/to on the incident time, a bare "to" date covering its day', () => {
    const boards = [
      summary('a', board('a', '2024-01-10T12:00:00Z', 1)),
      summary('b', board('b', '2024-02-10T23:59:00Z', 2)),
      summary('c', board('c', '2024-02-11T00:00:01Z', 2)),
    ];
    const t = computeTrends(boards, { from: '2024-01-11', to: '2024-02-10' });
    expect(t.quarters).toHaveLength(1);
    expect(t.quarters[0]?.incidents).toBe(1);
    expect(t.quarters[0]?.metrics.dwellSeconds.mean).toBe(7200);
  });

  it('reads the same summary from an RCA export as from the timeline', () => {
    const doc = board('x', '2024-05-01T10:00:00+02:00', -3, ['containment']);
    const fromRca = summariseRca(buildRcaExport(doc, { room: 'x' }));
    const fromTimeline = summary('x', doc);
    expect(fromRca.metrics).toEqual(fromTimeline.metrics);
    expect(fromRca.excluded).toEqual(fromTimeline.excluded);
    expect(fromRca.excluded.dwellSeconds).toBe('out-of-order');
    expect(Date.parse(fromRca.incidentAt ?? '')).toBe(Date.parse(fromTimeline.incidentAt ?? ''));
  });
});

describe('rangeBoundMessage', () => {
  it('refuses impossible dates and times in its own words, and accepts real ones', () => {
    expect(rangeBoundMessage('from', '2024-02-30')).toBe('from is not a calendar date: 2024-02-30');
    expect(rangeBoundMessage('--to', '2023-02-29T08:00:00Z')).toBe(
      '--to is not a calendar date: 2023-02-29T08:00:00Z',
    );
    expect(rangeBoundMessage('to', '2024-01-31T25:00:00Z')).toBe(
      'to is not a time of day: 2024-01-31T25:00:00Z',
    );
    expect(rangeBoundMessage('from', '2024-02-29')).toBeNull();
    expect(rangeBoundMessage('from', '2024-02-29T23:59:59+02:00')).toBeNull();
  });
});
