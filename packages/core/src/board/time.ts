/**
 * Event times: parsing untrusted input into one canonical ISO 8601 form that keeps the
 * source's offset, so a reviewer sees 09:37 -08:00 where the AWS report said 09:37 PST.
 *
 * Canonical form (what every board stores and every export carries):
 *   `YYYY-MM-DDTHH:mm:ss[.SSS]±HH:mm`, with `Z` instead of `+00:00`.
 *   Seconds always; milliseconds only when non-zero (three digits); finer digits are dropped.
 * It is RFC 3339, so `Date.parse` and JSON Schema's `date-time` accept it.
 */
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';

export type NormalisedTime =
  | {
      readonly ok: true;
      readonly time: string;
      readonly epochMs: number;
      readonly zoneAssumed: boolean;
      /** A zone-less wall time the zone shows twice (DST ending): the later offset was taken. */
      readonly repeatedHour?: true;
    }
  | { readonly ok: false; readonly reason: string };

// An offset or Z at the end of the time-of-day part: the only way a string names its own offset.
const HAS_OFFSET = /T[\d:.,]*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
// Luxon also reads bare times ("09:37") as today; a timeline row must name its date.
const STARTS_WITH_YEAR = /^\d{4}/;
// "2017-02-28 09:37:00-08:00": RFC 3339 allows a space, and spreadsheets write one.
const SPACE_SEPARATOR = /^(\d{4}-\d{2}-\d{2}) (\d{2}:)/;
const FIXED_OFFSET = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Resolves a zone option: IANA name, `UTC`/`Z`, or a fixed offset such as `+02:00` or `UTC-5`. */
export function parseZone(zone: string): Zone | null {
  const z = zone.trim();
  if (/^(?:z|utc|gmt)$/i.test(z)) return FixedOffsetZone.utcInstance;
  const m = FIXED_OFFSET.exec(z);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    if (minutes > 18 * 60 || Number(m[3] ?? 0) > 59) return null;
    return FixedOffsetZone.instance(m[1] === '-' ? -minutes : minutes);
  }
  return IANAZone.isValidZone(z) ? IANAZone.create(z) : null;
}

/** True for a zone option `parseZone` reads (an IANA name, UTC, or a fixed offset). */
export const isValidZone = (zone: string): boolean => parseZone(zone) !== null;

/** The refusal for a zone option `parseZone` cannot read, in every client's words. */
export const unknownZoneMessage = (zone: string) =>
  `unknown time zone "${zone}" (use an IANA name such as Europe/Paris, UTC, or an offset such as +05:30)`;

/** Formats a luxon DateTime in the canonical form described at the top of this file. */
function canonical(dt: DateTime): string {
  const base = dt.toFormat(
    dt.millisecond === 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSS",
  );
  return base + (dt.offset === 0 ? 'Z' : dt.toFormat('ZZ'));
}

const WALL_CLOCK = "yyyy-MM-dd'T'HH:mm:ss.SSS";

// The common case, a full RFC 3339 time with an offset, read without luxon: imports of 50,000
// rows spent most of their time here (about 17 µs a call with luxon, under 1 µs without).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/** The canonical form of a plain RFC 3339 time, or null to leave the input to luxon. */
function fastCanonical(raw: string): NormalisedTime | null {
  const m = RFC3339.exec(raw);
  if (!m) return null;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '', frac = '', off = ''] = m;
  const offsetMinutes =
    off.toUpperCase() === 'Z'
      ? 0
      : (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  // Years below 1000 (Date.UTC maps 0-99 to 19xx), offsets past ±18 h and minutes past 59 go the slow way.
  if (Number(y) < 1000 || Math.abs(offsetMinutes) > 18 * 60 || Number(off.slice(4, 6)) > 59)
    return null;
  const ms = frac.padEnd(3, '0').slice(0, 3);
  const wall = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms),
  );
  // Date.UTC rolls 30 February over into March; luxon refuses it, with a reason, on the slow path.
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== Number(y) ||
    back.getUTCMonth() !== Number(mo) - 1 ||
    back.getUTCDate() !== Number(d) ||
    back.getUTCHours() !== Number(h) ||
    back.getUTCMinutes() !== Number(mi) ||
    back.getUTCSeconds() !== Number(s)
  )
    return null;
  const time = `${y}-${mo}-${d}T${h}:${mi}:${s}${ms === '000' ? '' : `.${ms}`}${offsetMinutes === 0 ? 'Z' : off}`;
  return { ok: true, time, epochMs: wall - offsetMinutes * 60_000, zoneAssumed: false };
}
/** The canonical form above, with a real month, day and time (so Date.parse agrees with luxon). */
const CANONICAL =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{3})?(?:Z|[+-](?:(?:0\d|1[0-7]):[0-5]\d|18:00))$/;

/** Parses an ISO 8601 time, keeping its offset; zone-less input needs `zone` (IANA or fixed offset). */
export function normaliseTime(input: string, zone?: string): NormalisedTime {
  const raw = input.trim().replace(SPACE_SEPARATOR, '$1T$2');
  if (raw === '') return { ok: false, reason: 'time is empty' };
  if (!STARTS_WITH_YEAR.test(raw)) {
    return {
      ok: false,
      reason: `"${input}" is not an ISO 8601 date-time (expected e.g. 2017-02-28T09:37:00-08:00)`,
    };
  }
  const fast = fastCanonical(raw);
  if (fast) return fast;
  const hasOffset = HAS_OFFSET.test(raw);
  let resolved: Zone | null = null;
  if (!hasOffset) {
    if (zone === undefined || zone.trim() === '') {
      return {
        ok: false,
        reason: `"${input}" has no offset or Z; add one (e.g. 2017-02-28T09:37:00-08:00) or choose the zone it was recorded in`,
      };
    }
    resolved = parseZone(zone);
    if (!resolved)
      return {
        ok: false,
        reason: unknownZoneMessage(zone),
      };
  }
  const dt = DateTime.fromISO(raw, resolved ? { zone: resolved } : { setZone: true });
  if (!dt.isValid) {
    return {
      ok: false,
      reason: `"${input}" is not a valid ISO 8601 date-time (${dt.invalidExplanation ?? dt.invalidReason ?? 'unparseable'})`,
    };
  }
  if (resolved) {
    // Luxon silently moves a wall-clock time that a DST jump skipped; refuse it instead.
    const wall = DateTime.fromISO(raw, { zone: FixedOffsetZone.utcInstance });
    if (wall.toFormat(WALL_CLOCK) !== dt.toFormat(WALL_CLOCK)) {
      return {
        ok: false,
        reason: `"${input}" does not exist in ${zone ?? ''} (skipped by a daylight-saving change)`,
      };
    }
  }
  if (dt.year < 1 || dt.year > 9999)
    return { ok: false, reason: `"${input}" is outside years 0001-9999` };
  // Luxon reads a repeated wall time with the later (standard-time) offset; the caller says so.
  const repeated = resolved !== null && !resolved.isUniversal && dt.getPossibleOffsets().length > 1;
  return {
    ok: true,
    time: canonical(dt),
    epochMs: dt.toMillis(),
    zoneAssumed: resolved !== null,
    ...(repeated ? { repeatedHour: true as const } : {}),
  };
}

/** True if `time` is already in the canonical form (parses, has an offset, formats to itself). */
export function isCanonicalTime(time: string): boolean {
  const n = normaliseTime(time);
  return n.ok && n.time === time;
}

/** The same instant in UTC, canonical form (`…Z`); null if `time` does not parse with an offset. */
export function toUtcIso(time: string): string | null {
  // Stored times are canonical, which Date.parse reads exactly; skipping luxon there makes a
  // 50,000-event export about a second faster. Anything else takes the full parser.
  const m = CANONICAL.exec(time);
  // Date.parse rolls 2023-02-30 over into March where luxon refuses it: only real days go fast.
  if (
    m &&
    new Date(Date.UTC(+(m[1] as string), +(m[2] as string) - 1, +(m[3] as string))).getUTCDate() ===
      +(m[3] as string)
  ) {
    const iso = new Date(Date.parse(time)).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
  }
  const n = normaliseTime(time);
  if (!n.ok) return null;
  return canonical(DateTime.fromMillis(n.epochMs, { zone: FixedOffsetZone.utcInstance }));
}

/** A time for display in UTC, e.g. `2017-02-28 17:37:00 UTC`; the input unchanged if it does not parse. */
export function formatUtc(time: string): string {
  const n = normaliseTime(time);
  if (!n.ok) return time;
  const dt = DateTime.fromMillis(n.epochMs, { zone: FixedOffsetZone.utcInstance });
  return `${dt.toFormat(dt.millisecond === 0 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm:ss.SSS')} UTC`;
}
