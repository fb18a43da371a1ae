import { describe, expect, it } from 'vitest';
import { fromEpoch, readTime } from './times.ts';

const time = (v: unknown, zone?: string, unit?: 's' | 'ms' | 'auto') => {
  const r = readTime(v, zone, unit);
  return r.ok ? r.time : `refused: ${r.reason}`;
};

describe('readTime', () => {
  it('reads epoch seconds and milliseconds by size, or as told', () => {
    expect(time(1_689_074_118)).toBe('2023-07-11T11:15:18Z');
    expect(time(1_689_074_118_002)).toBe('2023-07-11T11:15:18.002Z');
    expect(time('1689074118.002')).toBe('2023-07-11T11:15:18.002Z');
    // 1e10 read as milliseconds is April 1970; as seconds it is 2286.
    expect(time(10_000_000_000, undefined, 'ms')).toBe('1970-04-26T17:46:40Z');
    expect(time(10_000_000_000, undefined, 's')).toBe('2286-11-20T17:46:40Z');
    expect(fromEpoch(Number.NaN).ok).toBe(false);
  });

  it('reads Splunk "… GMT" text as UTC and keeps ISO offsets', () => {
    expect(time('2026-07-14 14:54:45.000 GMT')).toBe('2026-07-14T14:54:45Z');
    expect(time('2026-07-14 14:54:45 UTC')).toBe('2026-07-14T14:54:45Z');
    expect(time('2015-06-23T11:06:05.000-04:00')).toBe('2015-06-23T11:06:05-04:00');
  });

  it('needs a zone for zone-less text, and applies it across DST changes', () => {
    expect(time('2024-03-31 01:30:00')).toMatch(/^refused: .*no offset/);
    expect(time('2024-03-31 01:30:00', 'Europe/Paris')).toBe('2024-03-31T01:30:00+01:00');
    expect(time('2024-03-31 03:30:00', 'Europe/Paris')).toBe('2024-03-31T03:30:00+02:00');
    // 02:30 never happened in Paris that night.
    expect(time('2024-03-31 02:30:00', 'Europe/Paris')).toMatch(/does not exist/);
    // 02:30 happened twice on 27 October; luxon takes the later one (winter time, +01:00).
    expect(time('2024-10-27 02:30:00', 'Europe/Paris')).toBe('2024-10-27T02:30:00+01:00');
  });

  it('refuses what is not a time', () => {
    expect(time(undefined)).toBe('refused: time is missing');
    expect(time({})).toBe('refused: time must be text or a number');
    expect(time('')).toBe('refused: time is empty');
    expect(time('yesterday', 'UTC')).toMatch(/not an ISO 8601/);
  });
});
