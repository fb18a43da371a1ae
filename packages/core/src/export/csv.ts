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
 * The timeline; the first five columns are the importer's, so the file imports back into a board
 * (a neutralised cell keeps its leading ').
 */
export function timelineCsv(rca: RcaExport): string {
  return toCsv(
    ['time', 'description', 'phase', 'source', 'actor', 'time_utc', 'id'],
    rca.timeline.map((e) => [
      e.time,
      e.description,
      e.phase ?? '',
      e.source,
      e.actor,
      e.timeUtc ?? '',
      e.id,
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
