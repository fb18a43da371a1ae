import { describe, expect, it } from 'vitest';
import { durationAxis } from './durationAxis.ts';

const DAY = 86_400;
const HOUR = 3_600;

describe('durationAxis', () => {
  it('labels a range of years in days, with the day part and separators', () => {
    const axis = durationAxis(2208 * DAY + 8 * HOUR + 40 * 60);
    expect(axis.ticks.map((t) => t.label)).toEqual([
      '0',
      '500 d',
      '1,000 d',
      '1,500 d',
      '2,000 d',
      '2,500 d',
    ]);
    expect(axis.top).toBe(2500 * DAY);
  });

  it('uses hours for hours, minutes for minutes, seconds for seconds', () => {
    expect(durationAxis(8 * HOUR + 40 * 60).ticks.map((t) => t.label)).toEqual([
      '0',
      '2 h',
      '4 h',
      '6 h',
      '8 h',
      '10 h',
    ]);
    expect(durationAxis(95 * 60).ticks.map((t) => t.label)).toEqual([
      '0',
      '20 min',
      '40 min',
      '60 min',
      '80 min',
      '100 min',
    ]);
    expect(durationAxis(42).ticks.map((t) => t.label)).toEqual([
      '0',
      '10 s',
      '20 s',
      '30 s',
      '40 s',
      '50 s',
    ]);
  });

  it('puts the top at or just above the largest value, with ticks in order', () => {
    for (const max of [1, 59, 61, 7_200, 86_399, 3 * DAY, 40 * DAY, 1e9]) {
      const { top, ticks } = durationAxis(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.at(-1)?.seconds).toBe(top);
      for (let i = 1; i < ticks.length; i++) {
        expect(ticks[i]?.seconds).toBeGreaterThan(ticks[i - 1]?.seconds ?? Number.NaN);
      }
    }
  });

  it('ends on an exact multiple instead of adding a step past it', () => {
    expect(
      durationAxis(10 * HOUR)
        .ticks.map((t) => t.label)
        .at(-1),
    ).toBe('10 h');
  });
});
