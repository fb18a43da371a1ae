/** Short, unambiguous labels for timeline events shown as evidence on diagram nodes. */
import type { TimelineEvent } from '@causeway/core';

/** "HH:MM" exactly as the source wrote it: responders compare it with raw logs, so never shift zones. */
export function clockOf(time: string): string {
  const m = /T(\d{2}:\d{2})/.exec(time);
  return m?.[1] ?? time;
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
  readonly clock: string;
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
    .map((e) => ({ id: e.id, clock: clockOf(e.time), label: shorten(e.description, max) }));
}
