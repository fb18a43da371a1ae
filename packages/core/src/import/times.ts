/**
 * Time values as security tools write them, turned into the board's canonical form
 * (board/time.ts): ISO 8601 with an offset, epoch seconds or milliseconds, "… GMT".
 */
import { normaliseTime } from '../board/time.ts';

export type ReadTime =
  | {
      readonly ok: true;
      readonly time: string;
      readonly epochMs: number;
      readonly zoneAssumed: boolean;
      /** See NormalisedTime: a wall time the zone repeats, read with the later offset. */
      readonly repeatedHour?: true;
    }
  | { readonly ok: false; readonly reason: string };

export type EpochUnit = 'auto' | 's' | 'ms';

/**
 * Below this an epoch number is read as seconds, at or above as milliseconds: 1e11 s is the year
 * 5138, and 1e11 ms is March 1973, before any log a review will hold.
 */
export const EPOCH_SECONDS_BELOW = 1e11;

const UTC_NAMES = /^(?:utc|z|gmt|etc\/utc|\+00:00)$/i;
// A zone-less date-time: with a UTC zone it is the same text with Z (UTC has no DST to check).
const ZONELESS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;
const EPOCH_TEXT = /^-?\d+(?:\.\d+)?$/;
// Splunk's "2026-07-14 14:54:45.000 GMT" (and the same with UTC): a zone name, not an offset.
const NAMED_UTC = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:GMT|UTC)$/i;

/** The canonical UTC time of an epoch instant in milliseconds. */
export function fromEpochMs(ms: number): ReadTime {
  if (!Number.isFinite(ms)) return { ok: false, reason: `${ms} is not a time` };
  const d = new Date(Math.round(ms));
  if (Number.isNaN(d.getTime()))
    return { ok: false, reason: `${ms} is outside the dates a clock can show` };
  const n = normaliseTime(d.toISOString());
  return n.ok ? { ok: true, time: n.time, epochMs: n.epochMs, zoneAssumed: false } : n;
}

/** An epoch number in `unit` ('auto' decides by size, see EPOCH_SECONDS_BELOW). */
export function fromEpoch(value: number, unit: EpochUnit = 'auto'): ReadTime {
  const seconds = unit === 's' || (unit === 'auto' && Math.abs(value) < EPOCH_SECONDS_BELOW);
  return fromEpochMs(seconds ? value * 1000 : value);
}

/**
 * Any time value a tool exports: a number or numeric text is an epoch (`unit`), "… GMT|UTC" is
 * UTC, anything else goes through normaliseTime with `zone` for zone-less text.
 */
export function readTime(
  value: unknown,
  zone: string | undefined,
  unit: EpochUnit = 'auto',
): ReadTime {
  if (typeof value === 'number') return fromEpoch(value, unit);
  if (typeof value !== 'string') {
    return {
      ok: false,
      reason:
        value === undefined || value === null ? 'time is missing' : 'time must be text or a number',
    };
  }
  const t = value.trim();
  if (t === '') return { ok: false, reason: 'time is empty' };
  if (EPOCH_TEXT.test(t)) return fromEpoch(Number(t), unit);
  const named = NAMED_UTC.exec(t);
  if (named) return asRead(normaliseTime(`${named[1]}T${named[2]}Z`), false);
  const zoneless = zone !== undefined && UTC_NAMES.test(zone.trim()) ? ZONELESS.exec(t) : null;
  if (zoneless) return asRead(normaliseTime(`${zoneless[1]}T${zoneless[2]}Z`), true);
  const n = normaliseTime(t, zone);
  return asRead(n, n.ok && n.zoneAssumed);
}

function asRead(n: ReturnType<typeof normaliseTime>, zoneAssumed: boolean): ReadTime {
  if (!n.ok) return n;
  const read = { ok: true as const, time: n.time, epochMs: n.epochMs, zoneAssumed };
  return n.repeatedHour ? { ...read, repeatedHour: true } : read;
}
