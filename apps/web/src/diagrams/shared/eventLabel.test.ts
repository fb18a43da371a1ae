import type { TimelineEvent } from '@causeway/core';
import { describe, expect, it } from 'vitest';
import { evidenceChips, shorten, whenOf } from './eventLabel.ts';

const ev = (id: string, time: string, description: string): TimelineEvent => ({
  id,
  time,
  epochMs: Date.parse(time),
  description,
  phase: null,
  source: '',
  actor: '',
});

describe('event labels', () => {
  it('shows the date with the clock, in the offset the source gave', () => {
    expect(whenOf('2022-12-29T00:00:00Z')).toBe('Dec 29 00:00 UTC');
    expect(whenOf('2023-01-04T00:00:00Z')).toBe('Jan 4 00:00 UTC');
    expect(whenOf('2017-02-28T09:37:00-08:00')).toBe('Feb 28 09:37 \u221208:00');
    expect(whenOf('2024-03-02T02:14:09+01:00')).toBe('Mar 2 02:14:09 +01:00');
    expect(whenOf('garbage')).toBe('garbage');
  });

  it('tells apart events on different days at the same clock time', () => {
    const tl = [
      ev('a', '2022-12-16T00:00:00Z', 'malware'),
      ev('b', '2022-12-29T00:00:00Z', 'report'),
    ];
    const chips = evidenceChips(['a', 'b'], tl);
    expect(chips.map((c) => c.when)).toEqual(['Dec 16 00:00 UTC', 'Dec 29 00:00 UTC']);
    expect(chips.map((c) => c.label)).toEqual(['malware', 'report']);
  });

  it('shortens on a word boundary', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('EDR alert on build host escalated to on-call', 20)).toBe('EDR alert on build…');
  });

  it('lists only linked events that still exist, in timeline order', () => {
    const tl = [ev('a', '2024-01-01T01:00Z', 'first'), ev('b', '2024-01-01T02:00Z', 'second')];
    expect(evidenceChips(['b', 'gone', 'a'], tl).map((c) => c.id)).toEqual(['a', 'b']);
  });
});
