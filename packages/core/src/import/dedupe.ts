/**
 * Recognising an event already on the board, so re-importing a file adds nothing twice: by the
 * source's own id when the tool gives one, else by content (instant, source and description).
 */
import type { EventInput } from '../board/doc.ts';
import type { TimelineEvent } from '../board/types.ts';

type Keyed = {
  readonly source?: string;
  readonly sourceId?: string;
  readonly description: string;
};

function key(e: Keyed, epochMs: number): string {
  const source = e.source ?? '';
  return e.sourceId
    ? `id\u0000${source}\u0000${e.sourceId}`
    : `content\u0000${epochMs}\u0000${source}\u0000${e.description.trim()}`;
}

/** The identity of an event on the board. */
export const boardEventKey = (e: TimelineEvent): string => key(e, e.epochMs);

/** The identity of an event about to be imported (its time is canonical, so Date.parse is exact). */
export const inputEventKey = (e: EventInput): string => key(e, Date.parse(e.time));

export interface DuplicateSplit {
  readonly fresh: readonly EventInput[];
  /** Already on the board. */
  readonly onBoard: number;
  /** Repeated within the file itself (the first copy is kept). */
  readonly inFile: number;
}

/** Splits `events` into those to add and those that would be duplicates. */
export function splitDuplicates(
  events: readonly EventInput[],
  existing: ReadonlySet<string>,
): DuplicateSplit {
  const seen = new Set<string>();
  const fresh: EventInput[] = [];
  let onBoard = 0;
  let inFile = 0;
  for (const e of events) {
    const k = inputEventKey(e);
    if (existing.has(k)) onBoard++;
    else if (seen.has(k)) inFile++;
    else {
      seen.add(k);
      fresh.push(e);
    }
  }
  return { fresh, onBoard, inFile };
}
