// STUB: the core helper replaces this body; the signatures are the contract.
import type { EventInput } from '../board/doc.ts';

export interface RowError {
  /** 1-based data row number (the header is row 0 for CSV; index + 1 for JSON). */
  readonly row: number;
  readonly reason: string;
}

export type ImportResult =
  | { readonly ok: true; readonly events: readonly EventInput[] }
  | { readonly ok: false; readonly errors: readonly RowError[] };

export interface ImportOptions {
  /** IANA zone or fixed offset applied to zone-less times; without it they are refused. */
  readonly zone?: string;
}

/** Parses a timeline CSV (header time,description,phase[,source,actor,...]); all rows or none. */
export function parseTimelineCsv(_text: string, _opts: ImportOptions = {}): ImportResult {
  throw new Error('not implemented');
}

/** Parses a JSON array of {time, description, phase, source?, actor?}; all rows or none. */
export function parseTimelineJson(_value: unknown, _opts: ImportOptions = {}): ImportResult {
  throw new Error('not implemented');
}
