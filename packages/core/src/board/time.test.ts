import fc from 'fast-check';
import { DateTime, FixedOffsetZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatUtc, isCanonicalTime, normaliseTime, parseZone, toUtcIso } from './time.ts';

const ok = (input: string, zone?: string) => {
  const n = normaliseTime(input, zone);
  if (!n.ok) throw new Error(`expected ${input} to parse: ${n.reason}`);
  return n;
};
const reason = (input: string, zone?: string) => {
  const n = normaliseTime(input, zone);
  if (n.ok) throw new Error(`expected ${input} to be refused, got ${n.time}`);
  return n.reason;
};

describe('normaliseTime', () => {
  it('keeps the source offset instead of shifting to UTC', () => {
    const n = ok('2017-02-28T09:37:00-08:00');
    expect(n.time).toBe('2017-02-28T09:37:00-08:00');
    // 09:37 at -08:00 is 17:37 UTC.
    expect(n.epochMs).toBe(Date.UTC(2017, 1, 28, 17, 37, 0));
    expect(n.zoneAssumed).toBe(false);
  });

  it('writes one canonical form: seconds always, ms only when non-zero, Z for a zero offset', () => {
    expect(ok('2017-02-28T09:37-08:00').time).toBe('2017-02-28T09:37:00-08:00');
    expect(ok('2017-02-28T09:37:00.000Z').time).toBe('2017-02-28T09:37:00Z');
    expect(ok('2017-02-28T09:37:00.5+0530').time).toBe('2017-02-28T09:37:00.500+05:30');
    expect(ok('2017-02-28T09:37:00+00:00').time).toBe('2017-02-28T09:37:00Z');
    expect(ok('2017-02-28T09:37:00z').time).toBe('2017-02-28T09:37:00Z');
    expect(ok('2017-02-28T09:37:00-08').time).toBe('2017-02-28T09:37:00-08:00');
    expect(ok('2017-02-28 09:37:00-08:00').time).toBe('2017-02-28T09:37:00-08:00');
  });

  it('produces strings Date.parse reads as the same instant', () => {
    for (const input of [
      '2017-02-28T09:37:00.25-08:00',
      '2019-07-02T13:42:00Z',
      '2018-10-21T22:52+05:45',
    ]) {
      const n = ok(input);
      expect(Date.parse(n.time)).toBe(n.epochMs);
      expect(isCanonicalTime(n.time)).toBe(true);
    }
  });

  it('refuses zone-less times unless a zone is given', () => {
    expect(reason('2017-02-28T09:37:00')).toMatch(/no offset/);
    expect(reason('2017-02-28')).toMatch(/no offset/);
    const paris = ok('2017-02-28T09:37:00', 'Europe/Paris');
    expect(paris).toMatchObject({ time: '2017-02-28T09:37:00+01:00', zoneAssumed: true });
    // Summer in Paris is +02:00: the IANA zone picks the offset in force on that date.
    expect(ok('2017-07-01T09:37', 'Europe/Paris').time).toBe('2017-07-01T09:37:00+02:00');
    expect(ok('2017-02-28T09:37', '+02:00').time).toBe('2017-02-28T09:37:00+02:00');
    expect(ok('2017-02-28T09:37', 'UTC').time).toBe('2017-02-28T09:37:00Z');
    expect(ok('2017-02-28', 'UTC').time).toBe('2017-02-28T00:00:00Z');
  });

  it('lets an explicit offset win over the zone option', () => {
    expect(ok('2017-02-28T09:37:00-08:00', 'Europe/Paris')).toMatchObject({
      time: '2017-02-28T09:37:00-08:00',
      zoneAssumed: false,
    });
  });

  it('refuses garbage, impossible dates, unknown zones and DST-skipped wall times', () => {
    expect(reason('')).toMatch(/empty/);
    expect(reason('yesterday')).toMatch(/ISO 8601/);
    expect(reason('09:37:00Z')).toMatch(/ISO 8601/);
    expect(reason('2017-02-30T09:37:00Z')).toMatch(/not a valid/);
    expect(reason('2017-02-28T25:00:00Z')).toMatch(/not a valid/);
    expect(reason('2017-02-28T09:37', 'Mars/Olympus')).toMatch(/unknown time zone/);
    // Paris jumped from 02:00 to 03:00 on 2017-03-26: 02:30 never happened there.
    expect(reason('2017-03-26T02:30', 'Europe/Paris')).toMatch(/daylight-saving/);
  });
});

describe('parseZone', () => {
  it('reads IANA names, UTC and fixed offsets', () => {
    expect(parseZone('America/Los_Angeles')?.name).toBe('America/Los_Angeles');
    expect(parseZone('utc')?.offset(0)).toBe(0);
    expect(parseZone('-08:00')?.offset(0)).toBe(-480);
    expect(parseZone('+0530')?.offset(0)).toBe(330);
    expect(parseZone('UTC-5')?.offset(0)).toBe(-300);
    expect(parseZone('+19:00')).toBeNull();
    expect(parseZone('Nowhere/Town')).toBeNull();
  });
});

describe('UTC helpers', () => {
  it('shows the instant in UTC for display and export', () => {
    // 09:37 -08:00 + 8 h = 17:37 UTC.
    expect(toUtcIso('2017-02-28T09:37:00-08:00')).toBe('2017-02-28T17:37:00Z');
    expect(formatUtc('2017-02-28T09:37:00-08:00')).toBe('2017-02-28 17:37:00 UTC');
    // 23:30 at -02:00 is 01:30 UTC on the next day.
    expect(toUtcIso('2020-01-01T23:30:00-02:00')).toBe('2020-01-02T01:30:00Z');
    expect(toUtcIso('not a time')).toBeNull();
    expect(formatUtc('not a time')).toBe('not a time');
  });
});

describe('the fast path for plain RFC 3339 times', () => {
  it('gives what luxon gives for any instant, offset and fraction', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 30) }),
        fc.integer({ min: -18 * 60, max: 18 * 60 }),
        fc.constantFrom('', '.000', '.5', '.123', '.123456789'),
        fc.constantFrom('Z', 'offset'),
        (epoch, offset, frac, style) => {
          const zone = FixedOffsetZone.instance(style === 'Z' ? 0 : offset);
          const dt = DateTime.fromMillis(Math.floor(epoch / 1000) * 1000, { zone });
          const text = `${dt.toFormat("yyyy-MM-dd'T'HH:mm:ss")}${frac}${style === 'Z' ? 'Z' : dt.toFormat('ZZ')}`;
          const viaLuxon = DateTime.fromISO(text, { setZone: true });
          const n = normaliseTime(text);
          expect(n.ok && n.epochMs).toBe(viaLuxon.toMillis());
          const ms = viaLuxon.millisecond;
          const expected =
            viaLuxon.toFormat(ms === 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSS") +
            (viaLuxon.offset === 0 ? 'Z' : viaLuxon.toFormat('ZZ'));
          expect(n.ok && n.time).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves impossible dates to luxon, which refuses them with a reason', () => {
    for (const bad of ['2023-02-30T00:00:00Z', '2023-01-01T00:00:60Z']) {
      const n = normaliseTime(bad);
      expect(n.ok, bad).toBe(false);
    }
  });
});
