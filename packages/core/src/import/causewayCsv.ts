/**
 * Causeway's own timeline export (export/csv.ts) read back: recognised by its header, mapped
 * without guessing (the board's `id` column is not the event's source id), and each cell's formula
 * guard removed. Only this file gets the guard removed: in anyone else's CSV a leading ' is data.
 */
import { TIMELINE_CSV_COLUMNS } from '../export/csv.ts';
import type { ColumnMapping } from './preview.ts';

// Exports written before source_id was added end at `id`; they import back too.
const REQUIRED = TIMELINE_CSV_COLUMNS.slice(0, TIMELINE_CSV_COLUMNS.indexOf('id') + 1);

/** True when `header` is Causeway's timeline export, with or without the source_id column. */
export function isCausewayTimelineHeader(header: readonly string[]): boolean {
  const h = header.map((c) => c.trim().toLowerCase());
  return (
    REQUIRED.every((c, i) => h[i] === c) &&
    (h.length === REQUIRED.length ||
      (h.length === TIMELINE_CSV_COLUMNS.length && h.at(-1) === 'source_id'))
  );
}

/** The mapping of the export's columns onto event fields. */
export function causewayTimelineMapping(header: readonly string[]): ColumnMapping {
  const h = header.map((c) => c.trim().toLowerCase());
  return {
    time: 'time',
    description: 'description',
    phase: 'phase',
    source: 'source',
    actor: 'actor',
    ...(h.includes('source_id') ? { sourceId: 'source_id' } : {}),
  };
}

// papaparse's escapeFormulae puts ' before a cell starting with one of these.
const GUARDED = /^'[=+\-@\t\r]/;

/** A cell as it was before the export guarded it against spreadsheet formulas. */
export const unguardCell = (cell: string): string => (GUARDED.test(cell) ? cell.slice(1) : cell);
