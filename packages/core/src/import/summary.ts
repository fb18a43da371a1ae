/**
 * A preview as people and the API see it: counts, the first refusals, a sample of events and the
 * duplicates against a board, without carrying 50,000 events around.
 */
import type { EventInput } from '../board/doc.ts';
import { splitDuplicates } from './dedupe.ts';
import type { ColumnMapping, ImportFormat, ImportPreview, Refusal } from './preview.ts';

/** How many refused rows a summary lists (refusedCount is always exact). */
export const MAX_LISTED_REFUSALS = 1_000;
/** How many events a summary shows. */
export const SAMPLE_SIZE = 20;

export interface PreviewSummary {
  readonly format: ImportFormat;
  readonly variant: string;
  readonly totalRows: number;
  /** Rows that became events. */
  readonly parsed: number;
  readonly refused: readonly Refusal[];
  readonly refusedCount: number;
  readonly zoneNote: string | null;
  readonly notes: readonly string[];
  readonly duplicates: { readonly onBoard: number; readonly inFile: number };
  /** Events an import would add now. */
  readonly toAdd: number;
  readonly sample: readonly EventInput[];
  readonly columns?: readonly string[];
  readonly mapping?: ColumnMapping;
}

/** Summarises `preview` against the keys of the events already on the board. */
export function summarisePreview(
  preview: ImportPreview,
  boardKeys: ReadonlySet<string>,
): PreviewSummary {
  const split = splitDuplicates(preview.events, boardKeys);
  return {
    format: preview.format,
    variant: preview.variant,
    totalRows: preview.totalRows,
    parsed: preview.events.length,
    refused: preview.refused.slice(0, MAX_LISTED_REFUSALS),
    refusedCount: preview.refused.length,
    zoneNote: preview.zoneNote,
    notes: preview.notes,
    duplicates: { onBoard: split.onBoard, inFile: split.inFile },
    toAdd: split.fresh.length,
    sample: preview.events.slice(0, SAMPLE_SIZE),
    ...(preview.columns ? { columns: preview.columns } : {}),
    ...(preview.mapping ? { mapping: preview.mapping } : {}),
  };
}
