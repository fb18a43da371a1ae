/** Short, unambiguous labels for timeline events shown as evidence on diagram nodes. */
import type { TimelineEvent } from '@causeway/core';
import { timeParts } from '../../timeline/time.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Dec 29 00:00 UTC": date, clock and zone exactly as the source wrote them. A clock alone is
 * ambiguous on a multi-day incident (every CircleCI event reads 00:00), and responders compare
 * it with raw logs, so the zone is never shifted.
 */
export function whenOf(time: string): string {
  const t = timeParts(time);
  if (!t) return time;
  const [, month, day] = t.date.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${Number(day)} ${t.clock} ${t.offset}`;
}

/** Trims a description to `max` characters on a word boundary when it can. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

export interface EvidenceChip {
  readonly id: string;
  /** Date and time of the event, e.g. "Dec 29 00:00 UTC". */
  readonly when: string;
  readonly label: string;
}

/** Chips for the linked events that still exist, in timeline order. */
export function evidenceChips(
  ids: readonly string[],
  timeline: readonly TimelineEvent[],
  max = 42,
): EvidenceChip[] {
  const linked = new Set(ids);
  return timeline
    .filter((e) => linked.has(e.id))
    .map((e) => ({ id: e.id, when: whenOf(e.time), label: shorten(e.description, max) }));
}
