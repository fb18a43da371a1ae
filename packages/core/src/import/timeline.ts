/**
 * Timeline import: the one validating normaliser for untrusted CSV and JSON timelines.
 * All rows or none: a partly imported timeline gives wrong metrics without anyone noticing, so
 * every bad row is reported at once and the user fixes the file in one pass.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import type { EventInput } from '../board/doc.ts';
import { normaliseTime } from '../board/time.ts';
import { PHASES, type Phase } from '../board/types.ts';

export interface RowError {
  /** 1-based data row number (the header is row 0 for CSV; index + 1 for JSON). */
  readonly row: number;
  readonly reason: string;
  /** The column or key at fault, when there is one. */
  readonly field?: string;
}

export type ImportResult =
  | { readonly ok: true; readonly events: readonly EventInput[] }
  | { readonly ok: false; readonly errors: readonly RowError[] };

export interface ImportOptions {
  /** IANA zone or fixed offset applied to zone-less times; without it they are refused. */
  readonly zone?: string;
}

/** More rows than this are refused: a board is meant for one incident, and the UI stays usable. */
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_DESCRIPTION_LENGTH = 2_000;

const REQUIRED_COLUMNS = ['time', 'description', 'phase'] as const;
const KNOWN_COLUMNS = [...REQUIRED_COLUMNS, 'source', 'actor'] as const;
type Column = (typeof KNOWN_COLUMNS)[number];
type RawRow = Partial<Record<Column, unknown>>;

const text = (field: Column) =>
  z.string({
    error: (i) => (i.input === undefined ? `${field} is missing` : `${field} must be text`),
  });

// Shape only; time and phase get their own checks below because their reasons name the input.
const rowShape = z.object({
  time: text('time'),
  description: text('description')
    .trim()
    .min(1, 'description is empty')
    .max(
      MAX_DESCRIPTION_LENGTH,
      `description is longer than ${MAX_DESCRIPTION_LENGTH.toLocaleString('en')} characters`,
    ),
  phase: z.string({ error: 'phase must be text or null' }).nullish(),
  source: text('source').optional(),
  actor: text('actor').optional(),
});

function parsePhase(raw: string | null | undefined): { phase: Phase | null } | { reason: string } {
  const p = (raw ?? '').trim().toLowerCase();
  // The issue's phase list includes "none"; an empty cell means the same.
  if (p === '' || p === 'none') return { phase: null };
  if ((PHASES as readonly string[]).includes(p)) return { phase: p as Phase };
  return { reason: `unknown phase "${raw}"; allowed: ${PHASES.join(', ')}, none or empty` };
}

/** Validates one row; returns the event or every problem with it. */
function validateRow(raw: RawRow, row: number, opts: ImportOptions): EventInput | RowError[] {
  const shaped = rowShape.safeParse(raw);
  const errors: RowError[] = [];
  if (!shaped.success) {
    for (const issue of shaped.error.issues) {
      const field = String(issue.path[0] ?? '');
      errors.push(field ? { row, field, reason: issue.message } : { row, reason: issue.message });
    }
  }
  let time: string | undefined;
  if (typeof raw.time === 'string') {
    const n = normaliseTime(raw.time, opts.zone);
    if (n.ok) time = n.time;
    else errors.push({ row, field: 'time', reason: n.reason });
  }
  const phase = parsePhase(typeof raw.phase === 'string' ? raw.phase : null);
  if ('reason' in phase) errors.push({ row, field: 'phase', reason: phase.reason });
  if (!shaped.success || time === undefined || 'reason' in phase) return errors;

  const { description, source, actor } = shaped.data;
  const event: { -readonly [K in keyof EventInput]: EventInput[K] } = {
    time,
    description,
    phase: phase.phase,
  };
  if (source?.trim()) event.source = source.trim();
  if (actor?.trim()) event.actor = actor.trim();
  return event;
}

/** Runs every row through validateRow and applies the all-or-nothing rule. */
function collect(rows: readonly { raw: RawRow; row: number }[], opts: ImportOptions): ImportResult {
  const events: EventInput[] = [];
  const errors: RowError[] = [];
  for (const { raw, row } of rows) {
    const r = validateRow(raw, row, opts);
    if (Array.isArray(r)) errors.push(...r);
    else events.push(r);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events };
}

const fail = (reason: string, row = 0): ImportResult => ({ ok: false, errors: [{ row, reason }] });
const tooMany = (n: number) =>
  fail(
    `${n.toLocaleString('en')} rows is more than the ${MAX_IMPORT_ROWS.toLocaleString('en')} a timeline may hold`,
  );

/** Parses a timeline CSV (header time,description,phase[,source,actor,...]); all rows or none. */
export function parseTimelineCsv(text: string, opts: ImportOptions = {}): ImportResult {
  if (text.replace(/^\uFEFF/, '').trim() === '') return fail('the file is empty');
  // The delimiter is fixed: auto-detection guesses wrong on one-column or unusual files.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: ',',
    skipEmptyLines: false,
  });
  const [header = [], ...records] = parsed.data;

  const columns = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return fail(
      `the header must name the columns time,description,phase (optional: source,actor); missing: ${missing.join(', ')}`,
    );
  }
  const dupes = KNOWN_COLUMNS.filter((c) => columns.indexOf(c) !== columns.lastIndexOf(c));
  if (dupes.length > 0) return fail(`the header names a column twice: ${dupes.join(', ')}`);

  const quoteErrors: RowError[] = parsed.errors
    .filter((e) => e.type === 'Quotes')
    .map((e) => ({ row: e.row ?? 0, reason: `malformed quotes: ${e.message}` }));
  if (quoteErrors.length > 0) return { ok: false, errors: quoteErrors };

  // A blank line is skipped but still counted, so row N is line N+1 in a file without multi-line cells.
  const rows = records
    .map((cells, i) => ({ cells, row: i + 1 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) return fail('the file has a header but no rows');
  if (rows.length > MAX_IMPORT_ROWS) return tooMany(rows.length);

  const index = new Map(KNOWN_COLUMNS.map((c) => [c, columns.indexOf(c)]));
  return collect(
    rows.map(({ cells, row }) => {
      const raw: RawRow = {};
      for (const [c, i] of index) if (i >= 0) raw[c] = cells[i] ?? '';
      return { raw, row };
    }),
    opts,
  );
}

/** Copies the known keys that `value` owns; `__proto__`, `constructor` and the like are never read. */
function pickKnown(value: object): RawRow {
  const raw: RawRow = {};
  for (const k of KNOWN_COLUMNS)
    if (Object.hasOwn(value, k)) raw[k] = (value as Record<string, unknown>)[k];
  return raw;
}

/** Parses a JSON array of {time, description, phase, source?, actor?}; all rows or none. */
export function parseTimelineJson(value: unknown, opts: ImportOptions = {}): ImportResult {
  if (!Array.isArray(value)) return fail('expected a JSON array of events');
  if (value.length === 0) return fail('the array is empty');
  if (value.length > MAX_IMPORT_ROWS) return tooMany(value.length);
  const rows: { raw: RawRow; row: number }[] = [];
  const errors: RowError[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({
        row: i + 1,
        reason: 'each event must be an object with time, description and phase',
      });
    } else rows.push({ raw: pickKnown(item), row: i + 1 });
  });
  const result = collect(rows, opts);
  if (errors.length === 0) return result;
  const all = [...errors, ...(result.ok ? [] : result.errors)].sort((a, b) => a.row - b.row);
  return { ok: false, errors: all };
}

/** Parses JSON text (an array of events); a syntax error is reported as row 0. */
export function parseTimelineJsonText(text: string, opts: ImportOptions = {}): ImportResult {
  if (text.replace(/^\uFEFF/, '').trim() === '') return fail('the file is empty');
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseTimelineJson(value, opts);
}
