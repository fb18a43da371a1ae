/**
 * Committing a preview to a board: all of it or none of it. The board's keys are read once, before
 * the first write, so the caller must not let another import write in between (the relay runs one
 * import per board at a time); then two imports of the same file still add each event once.
 *
 * A large import is written as consecutive transactions of `sliceSize` events, each also advancing
 * a shared progress record (cleared by the last slice): every open page then applies a few hundred
 * KiB at a time and can render between slices instead of freezing on one 10 MiB update. The relay
 * stores all the slices of one commit as one write (docs/adr/0006), so storage stays all-or-nothing.
 */
import type * as Y from 'yjs';
import { addEvents, clearImportProgress, readTimeline, setImportProgress } from '../board/doc.ts';
import { newId } from '../board/ids.ts';
import { ORIGINS, type WriteOrigin } from '../board/origin.ts';
import { boardEventKey, splitDuplicates } from './dedupe.ts';
import type { ImportPreview, Refusal } from './preview.ts';

/** Events per transaction: a slice's update is a few hundred KiB, applied in ~0.1 s by a browser. */
export const IMPORT_SLICE_EVENTS = 2_000;

export type CommitResult =
  | {
      readonly ok: true;
      readonly added: number;
      readonly ids: readonly string[];
      readonly duplicates: { readonly onBoard: number; readonly inFile: number };
    }
  | { readonly ok: false; readonly refused: readonly Refusal[] };

export interface CommitOptions {
  readonly origin?: WriteOrigin;
  /** Events per transaction (default IMPORT_SLICE_EVENTS). */
  readonly sliceSize?: number;
  /** What the progress record calls the import (a file name) and who started it. */
  readonly label?: string;
  readonly by?: string;
}

/** The keys of every event on the board, for previews that report duplicates. */
export function boardKeys(doc: Y.Doc): Set<string> {
  return new Set(readTimeline(doc).map(boardEventKey));
}

/**
 * Adds the preview's events that are not on the board yet, one slice per step, so a caller can
 * yield between slices (the relay does, on a private copy of the board); refuses the whole file
 * (writing nothing) if any row was refused. Yields the number of events written so far.
 */
export function* commitImportInSteps(
  doc: Y.Doc,
  preview: Pick<ImportPreview, 'events' | 'refused'>,
  options: CommitOptions = {},
): Generator<number, CommitResult> {
  if (preview.refused.length > 0) return { ok: false, refused: preview.refused };
  const origin = options.origin ?? ORIGINS.import;
  const sliceSize = Math.max(1, Math.floor(options.sliceSize ?? IMPORT_SLICE_EVENTS));
  const split = splitDuplicates(preview.events, boardKeys(doc));
  const total = split.fresh.length;
  const progressId = newId('imp');
  const ids: string[] = [];
  for (let start = 0; start < total; start += sliceSize) {
    const end = Math.min(total, start + sliceSize);
    doc.transact(() => {
      ids.push(...addEvents(doc, split.fresh.slice(start, end), origin));
      // A one-slice import needs no progress bar: the record would be added and removed at once.
      if (end === total) {
        if (start > 0) clearImportProgress(doc, progressId, origin);
      } else {
        const progress = { id: progressId, total, added: end };
        setImportProgress(
          doc,
          { ...progress, label: options.label ?? '', by: options.by ?? '' },
          origin,
        );
      }
    }, origin);
    if (end < total) yield end;
  }
  return {
    ok: true,
    added: ids.length,
    ids,
    duplicates: { onBoard: split.onBoard, inFile: split.inFile },
  };
}

/** `commitImportInSteps` run to the end at once. */
export function commitImport(
  doc: Y.Doc,
  preview: Pick<ImportPreview, 'events' | 'refused'>,
  options: CommitOptions = {},
): CommitResult {
  const steps = commitImportInSteps(doc, preview, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}
