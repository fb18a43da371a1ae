/**
 * The sorted timeline of a doc, kept up to date as transactions land: each change re-reads only
 * the events it touched and merges them into the sorted list, so a 2,000-event import slice on a
 * 50,000-event board costs a merge, not a re-read and re-sort of the whole board.
 */
import type * as Y from 'yjs';
import {
  compareTimelineEntries,
  observeTimeline,
  readTimelineEntries,
  type TimelineEntry,
} from './doc.ts';
import type { TimelineEvent } from './types.ts';

export interface LiveTimeline {
  /** The timeline as `readTimeline` orders it; the same array until an event changes. */
  read(): readonly TimelineEvent[];
  /** Calls `onChange` after every transaction that touched the timeline. */
  subscribe(onChange: () => void): () => void;
  destroy(): void;
}

function sameEvent(a: TimelineEvent, b: TimelineEvent): boolean {
  for (const k of Object.keys(a) as (keyof TimelineEvent)[])
    if (!Object.is(a[k], b[k])) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/** Merges two sorted lists into one. */
function mergeSorted(a: readonly TimelineEntry[], b: readonly TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length)
    out[k++] =
      compareTimelineEntries(a[i] as TimelineEntry, b[j] as TimelineEntry) <= 0
        ? (a[i++] as TimelineEntry)
        : (b[j++] as TimelineEntry);
  while (i < a.length) out[k++] = a[i++] as TimelineEntry;
  while (j < b.length) out[k++] = b[j++] as TimelineEntry;
  return out;
}

/**
 * Applies re-read entries to a sorted list: drops the old entry of every changed id, merges in
 * the new ones, and keeps the old event object where a re-read found nothing different.
 */
export function applyTimelineChanges(
  sorted: readonly TimelineEntry[],
  changed: ReadonlyMap<string, TimelineEntry | null>,
): TimelineEntry[] {
  const kept: TimelineEntry[] = [];
  const previous = new Map<string, TimelineEntry>();
  for (const e of sorted) {
    if (changed.has(e.event.id)) previous.set(e.event.id, e);
    else kept.push(e);
  }
  const fresh: TimelineEntry[] = [];
  for (const entry of changed.values()) {
    if (entry === null) continue;
    const old = previous.get(entry.event.id);
    fresh.push(old && sameEvent(old.event, entry.event) ? { ...entry, event: old.event } : entry);
  }
  fresh.sort(compareTimelineEntries);
  return mergeSorted(kept, fresh);
}

/** Starts keeping `doc`'s timeline; read lazily, so changes before the first read cost nothing. */
export function liveTimeline(doc: Y.Doc): LiveTimeline {
  let entries: TimelineEntry[] | null = null;
  let events: readonly TimelineEvent[] = [];
  let dirty = new Set<string>();
  const listeners = new Set<() => void>();
  const stop = observeTimeline(doc, (ids) => {
    if (entries !== null) for (const id of ids) dirty.add(id);
    for (const l of listeners) l();
  });
  return {
    read() {
      if (entries === null) {
        entries = [...readTimelineEntries(doc).values()].filter((e) => e !== null);
        entries.sort(compareTimelineEntries);
      } else if (dirty.size > 0) {
        entries = applyTimelineChanges(entries, readTimelineEntries(doc, dirty));
      } else return events;
      dirty = new Set();
      events = entries.map((e) => e.event);
      return events;
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    destroy() {
      stop();
      listeners.clear();
    },
  };
}
