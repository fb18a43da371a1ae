/** CSV into header and rows, with the row numbering every importer reports (header = row 0). */
import Papa from 'papaparse';
import { stripBom } from './records.ts';

export interface CsvTable {
  readonly header: readonly string[];
  /** Non-blank data rows with their 1-based row numbers. */
  readonly rows: readonly { readonly cells: readonly string[]; readonly row: number }[];
  /** Data rows (1-based) where the quoting was malformed. */
  readonly badQuotes: ReadonlySet<number>;
}

/** The delimiter of a header line: comma unless the line has none but has a semicolon or tab. */
export function delimiterOf(headerLine: string): string {
  if (headerLine.includes(',')) return ',';
  if (headerLine.includes(';')) return ';';
  if (headerLine.includes('\t')) return '\t';
  return ',';
}

/** The first line of `text` (BOM stripped). */
export const firstLine = (text: string) => stripBom(text).split(/\r?\n/, 1)[0] ?? '';

/** Parses CSV text strictly; quoting problems are reported per row, not thrown. */
export function parseCsv(text: string): CsvTable {
  const body = stripBom(text);
  const parsed = Papa.parse<string[]>(body, {
    delimiter: delimiterOf(firstLine(body)),
    skipEmptyLines: false,
  });
  const [header = [], ...records] = parsed.data;
  const badQuotes = new Set<number>();
  for (const e of parsed.errors)
    if (e.type === 'Quotes' && e.row !== undefined) badQuotes.add(e.row);
  const rows = records
    .map((cells, i) => ({ cells, row: i + 1 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  return { header: header.map((h) => h.trim()), rows, badQuotes };
}

/** Column name -> index, for names compared case-insensitively. */
export function columnIndex(header: readonly string[]): (name: string) => number {
  const lower = header.map((h) => h.toLowerCase());
  return (name) => lower.indexOf(name.toLowerCase());
}
