/**
 * Timeline times are ISO 8601 strings that keep the offset the source gave. We show that wall
 * clock (what the responder saw then) next to UTC (what lines events up across sources).
 */

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** Why a typed time is refused, or null when it is a full ISO 8601 time with an offset. */
export function timeProblem(text: string): string | null {
  const t = text.trim();
  const m = ISO_WITH_OFFSET.exec(t);
  if (!m) {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)
      ? 'Add the offset, e.g. 2023-01-04T09:37:00-08:00 or …Z for UTC.'
      : 'Use ISO 8601 with an offset, e.g. 2023-01-04T09:37:00-08:00.';
  }
  const [, , mo, d, h, mi, s] = m as unknown as (string | undefined)[];
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return 'No such date.';
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return 'No such time of day.';
  if (Number.isNaN(Date.parse(t))) return 'Not a valid date.';
  // Date.parse rolls 2023-02-30 over to March; a reviewer typing that meant something else.
  const utc = new Date(t);
  const offsetMin = offsetMinutes(m[8] as string);
  const wall = new Date(utc.getTime() + offsetMin * 60_000);
  if (wall.getUTCDate() !== Number(d)) return 'No such date.';
  return null;
}

function offsetMinutes(off: string): number {
  if (off === 'Z') return 0;
  const sign = off.startsWith('-') ? -1 : 1;
  return sign * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
}

export interface TimeParts {
  /** YYYY-MM-DD as written in the source's zone. */
  readonly date: string;
  /** HH:MM, or HH:MM:SS when seconds matter. */
  readonly clock: string;
  /** "−08:00" (typographic minus) or "UTC" for Z / +00:00. */
  readonly offset: string;
  readonly utcDate: string;
  readonly utcClock: string;
}

/** Splits a stored time into its original-zone and UTC renderings; null when unreadable. */
export function timeParts(iso: string): TimeParts | null {
  const m = ISO_WITH_OFFSET.exec(iso.trim());
  const ms = Date.parse(iso);
  if (!m || Number.isNaN(ms)) return null;
  const [, y, mo, d, h, mi, s, , off] = m as unknown as string[];
  const withSeconds = s !== undefined && s !== '00';
  const u = new Date(ms);
  const offset = off === 'Z' || off === '+00:00' ? 'UTC' : (off as string).replace('-', '\u2212');
  return {
    date: `${y}-${mo}-${d}`,
    clock: withSeconds ? `${h}:${mi}:${s}` : `${h}:${mi}`,
    offset,
    utcDate: `${u.getUTCFullYear()}-${pad(u.getUTCMonth() + 1)}-${pad(u.getUTCDate())}`,
    utcClock: withSeconds
      ? `${pad(u.getUTCHours())}:${pad(u.getUTCMinutes())}:${pad(u.getUTCSeconds())}`
      : `${pad(u.getUTCHours())}:${pad(u.getUTCMinutes())}`,
  };
}

/** Now as ISO 8601 in this browser's offset, to the minute: the add-event form's default. */
export function nowWithLocalOffset(now = new Date()): string {
  const off = -now.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return (
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` +
    `T${pad(now.getHours())}:${pad(now.getMinutes())}:00` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
