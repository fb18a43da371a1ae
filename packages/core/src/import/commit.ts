/**
 * Committing a preview to a board: all of it or none of it, in one transaction, so peers and
 * metrics never see half an import, and re-reading the board's keys inside that transaction means
 * two imports of the same file at once still add each event once.
 */
import type * as Y from 'yjs';
import { addEvents, readTimeline } from '../board/doc.ts';
import { ORIGINS, type WriteOrigin } from '../board/origin.ts';
import { boardEventKey, splitDuplicates } from './dedupe.ts';
import type { ImportPreview, Refusal } from './preview.ts';

export type CommitResult =
  | {
      readonly ok: true;
      readonly added: number;
      readonly ids: readonly string[];
      readonly duplicates: { readonly onBoard: number; readonly inFile: number };
    }
  | { readonly ok: false; readonly refused: readonly Refusal[] };

/** The keys of every event on the board, for previews that report duplicates. */
export function boardKeys(doc: Y.Doc): Set<string> {
  return new Set(readTimeline(doc).map(boardEventKey));
}

/** Adds the preview's events that are not on the board yet; refuses the whole file if any row was refused. */
export function commitImport(
  doc: Y.Doc,
  preview: Pick<ImportPreview, 'events' | 'refused'>,
  origin: WriteOrigin = ORIGINS.import,
): CommitResult {
  if (preview.refused.length > 0) return { ok: false, refused: preview.refused };
  let result: CommitResult = { ok: true, added: 0, ids: [], duplicates: { onBoard: 0, inFile: 0 } };
  doc.transact(() => {
    const split = splitDuplicates(preview.events, boardKeys(doc));
    const ids = addEvents(doc, split.fresh, origin);
    result = {
      ok: true,
      added: ids.length,
      ids,
      duplicates: { onBoard: split.onBoard, inFile: split.inFile },
    };
  }, origin);
  return result;
}
