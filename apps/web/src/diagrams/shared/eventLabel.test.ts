import type { TimelineEvent } from '@causeway/core';
import { describe, expect, it } from 'vitest';
import { clockOf, evidenceChips, shorten } from './eventLabel.ts';

const ev = (id: string, time: string, description: string): TimelineEvent => ({
  id,
  time,
  epochMs: Date.parse(time),
  description,
  phase: null,
  source: '',
  actor: '',
  sourceId: '',
  recordedTime: '',
});

describe('event labels', () => {
  it('keeps the clock time in the offset the source gave', () => {
    expect(clockOf('2024-03-02T02:14:09+01:00')).toBe('02:14');
    expect(clockOf('garbage')).toBe('garbage');
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
