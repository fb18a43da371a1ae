/**
 * CSV exports of the timeline and the action items, for spreadsheets. A cell that begins with
 * = + - @ (or a tab or carriage return) is prefixed with ' so that a spreadsheet shows it as text
 * instead of running it as a formula (CSV injection); papaparse's `escapeFormulae` does exactly that.
 */
import Papa from 'papaparse';
import type { RcaExport } from './rca.ts';

// A BOM, so Excel reads UTF-8 (it otherwise guesses the locale's code page); the importer strips it.
const BOM = '\uFEFF';

function toCsv(fields: readonly string[], rows: readonly (readonly string[])[]): string {
  return (
    BOM +
    Papa.unparse(
      { fields: [...fields], data: rows.map((r) => [...r]) },
      { escapeFormulae: true, newline: '\r\n', quotes: false },
    ) +
    '\r\n'
  );
}

/**
 * Causeway's own timeline export, in column order. The first five are the importer's columns and
 * `source_id` keeps the event's identity, so the file imports back without duplicates
 * (import/causewayCsv.ts recognises the header and removes the formula guard).
 */
export const TIMELINE_CSV_COLUMNS = [
  'time',
  'description',
  'phase',
  'source',
  'actor',
  'time_utc',
  'id',
  'source_id',
] as const;

/** The timeline as CSV, formula cells neutralised. */
export function timelineCsv(rca: RcaExport): string {
  return toCsv(
    TIMELINE_CSV_COLUMNS,
    rca.timeline.map((e) => [
      e.time,
      e.description,
      e.phase ?? '',
      e.source,
      e.actor,
      e.timeUtc ?? '',
      e.id,
      e.sourceId ?? '',
    ]),
  );
}

/** The action items, with the cause each addresses as `why:<id>`/`cause:<id>` and its Jira key. */
export function actionItemsCsv(rca: RcaExport): string {
  return toCsv(
    ['id', 'title', 'owner', 'due_date', 'priority', 'status', 'addresses', 'jira_key'],
    rca.actionItems.map((a) => [
      a.id,
      a.title,
      a.owner,
      a.dueDate ?? '',
      a.priority,
      a.status,
      a.addresses ? `${a.addresses.kind}:${a.addresses.id}` : '',
      a.jiraKey ?? '',
    ]),
  );
}
