/** toUtcIso's fast path for canonical times agrees with the full parser on every instant and offset. */
import fc from 'fast-check';
import { DateTime, FixedOffsetZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { normaliseTime, toUtcIso } from './time.ts';

/** The reference: luxon, as toUtcIso did before the fast path. */
function slowUtc(time: string): string | null {
  const n = normaliseTime(time);
  if (!n.ok) return null;
  const dt = DateTime.fromMillis(n.epochMs, { zone: FixedOffsetZone.utcInstance });
  return (
    dt.toFormat(dt.millisecond === 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSS") + 'Z'
  );
}

describe('toUtcIso', () => {
  it('matches the full parser for canonical times at any offset and millisecond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.boolean(),
        (ms, offset, wholeSecond) => {
          const instant = wholeSecond ? ms - (ms % 1000) : ms;
          const dt = DateTime.fromMillis(instant, { zone: FixedOffsetZone.instance(offset) });
          const canonical = normaliseTime(dt.toISO() as string);
          if (!canonical.ok) throw new Error('generator made a bad time');
          expect(toUtcIso(canonical.time)).toBe(slowUtc(canonical.time));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses impossible days that Date.parse would roll over', () => {
    expect(toUtcIso('2023-02-30T00:00:00Z')).toBeNull();
    expect(toUtcIso('2024-02-29T12:00:00+01:00')).toBe('2024-02-29T11:00:00Z');
  });
});
