import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.ts';

describe('formatDuration', () => {
  it('keeps every unit down to the minute, so nothing is silently dropped', () => {
    // CircleCI time to recover: 2023-01-07T07:30 − 2023-01-05T00:00 = 2 d 7 h 30 min.
    expect(formatDuration(199_800)).toBe('2 d 7 h 30 min');
    expect(formatDuration(1_123_200)).toBe('13 d 0 h'); // 13 days exactly
    expect(formatDuration(18_000)).toBe('5 h 0 min');
    expect(formatDuration(780)).toBe('13 min');
    expect(formatDuration(90)).toBe('1 min 30 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(0)).toBe('0 s');
  });
});
