/**
 * Any other CSV or JSON (array or JSON lines): the responder says which column is the time, the
 * description, the phase, the source (the mapping) and which zone zone-less times were written in.
 * Without a mapping the columns are guessed from their names, so Causeway's own
 * `time,description,phase` files need no mapping step.
 */
import type { EventInput } from '../board/doc.ts';
import { causewayTimelineMapping, isCausewayTimelineHeader, unguardCell } from './causewayCsv.ts';
import { columnIndex, parseCsv } from './csv.ts';
import {
  type ColumnMapping,
  failedPreview,
  type ImportPreview,
  PreviewBuilder,
  type PreviewOptions,
  tooManyRows,
} from './preview.ts';
import {
  field,
  isRecord,
  isSafeKey,
  keyPaths,
  parseJson,
  parseJsonLines,
  stripBom,
  text,
} from './records.ts';
import { parsePhase } from './timeline.ts';
import { readTime } from './times.ts';

const GUESSES: Readonly<Record<keyof ColumnMapping, readonly string[]>> = {
  time: [
    'time',
    'timestamp',
    '@timestamp',
    'datetime',
    'date',
    'event_time',
    'eventtime',
    '_time',
    'when',
    'occurred_at',
    'created_at',
  ],
  description: [
    'description',
    'message',
    'msg',
    'summary',
    'title',
    'event',
    'details',
    'text',
    '_raw',
  ],
  phase: ['phase', 'stage', 'milestone'],
  source: ['source', 'tool', 'origin', 'system'],
  sourceId: ['id', 'source_id', 'sourceid', 'event_id', 'uuid'],
  actor: ['actor', 'user', 'who', 'owner', 'author'],
};

/** A mapping guessed from column names; null when no time or no description column is recognisable. */
export function guessMapping(columns: readonly string[]): ColumnMapping | null {
  const lower = columns.map((c) => c.toLowerCase());
  const pick = (names: readonly string[]) => {
    for (const n of names) {
      const i = lower.indexOf(n);
      if (i >= 0) return columns[i];
    }
    return undefined;
  };
  const time = pick(GUESSES.time);
  const description = pick(GUESSES.description);
  if (!time || !description) return null;
  const optional: Partial<Record<'phase' | 'source' | 'sourceId' | 'actor', string>> = {};
  for (const k of ['phase', 'source', 'sourceId', 'actor'] as const) {
    const c = pick(GUESSES[k]);
    if (c) optional[k] = c;
  }
  return { time, description, ...optional };
}

interface Table {
  readonly variant: string;
  readonly csv: boolean;
  /** The mapping a recognised file fixes (Causeway's own export), used unless one is given. */
  readonly mapping?: ColumnMapping;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly row: number; readonly get: (column: string) => unknown }[];
  readonly badRows: ReadonlySet<number>;
  readonly hasColumn: (column: string) => boolean;
}

function csvTable(csv: string): Table {
  const t = parseCsv(csv);
  const col = columnIndex(t.header);
  const own = isCausewayTimelineHeader(t.header);
  const read = own ? unguardCell : (cell: string) => cell;
  return {
    variant: own ? 'Causeway timeline export (CSV)' : 'CSV with a column mapping',
    csv: true,
    ...(own ? { mapping: causewayTimelineMapping(t.header) } : {}),
    columns: t.header.filter(isSafeKey),
    rows: t.rows.map(({ cells, row }) => ({
      row,
      get: (c: string) => {
        const i = col(c);
        const cell = i >= 0 ? cells[i] : undefined;
        return cell === undefined ? undefined : read(cell);
      },
    })),
    badRows: t.badQuotes,
    hasColumn: (c) => isSafeKey(c) && col(c) >= 0,
  };
}

function jsonTable(items: readonly { row: number; value: unknown }[], variant: string): Table {
  const columns = new Set<string>();
  for (const { value } of items.slice(0, 200))
    if (isRecord(value)) for (const k of keyPaths(value)) columns.add(k);
  return {
    variant: `${variant} with a column mapping`,
    csv: false,
    columns: [...columns],
    rows: items.map(({ row, value }) => ({ row, get: (c: string) => field(value, c) })),
    badRows: new Set(items.filter((i) => !isRecord(i.value)).map((i) => i.row)),
    hasColumn: (c) => isSafeKey(c) && columns.has(c),
  };
}

/** The rows of a generic file, CSV or JSON; a reason when it is neither. */
function readTable(input: string): Table | string {
  const body = stripBom(input).trim();
  if (body.startsWith('[')) {
    const parsed = parseJson(body);
    if (!parsed.ok) return parsed.reason;
    if (!Array.isArray(parsed.value)) return 'expected a JSON array of objects';
    return jsonTable(
      parsed.value.map((value, i) => ({ row: i + 1, value })),
      'JSON',
    );
  }
  if (body.startsWith('{')) {
    const lines = parseJsonLines(body);
    if (lines)
      return jsonTable(
        lines.map(({ line, value }) => ({ row: line, value })),
        'JSON lines',
      );
    return 'a single JSON object is not a timeline: expected an array of objects, or one object per line';
  }
  return csvTable(input);
}

/** Reads a generic CSV/JSON file with `opts.mapping` (or a guessed one). */
export function parseGeneric(input: string, opts: PreviewOptions = {}): ImportPreview {
  if (stripBom(input).trim() === '') return failedPreview('generic', 'empty', 'the file is empty');
  const table = readTable(input);
  if (typeof table === 'string') return failedPreview('generic', 'unreadable', table);
  const { variant } = table;
  const mapping = opts.mapping ?? table.mapping ?? guessMapping(table.columns);
  const withColumns = (p: ImportPreview): ImportPreview => ({
    ...p,
    columns: table.columns,
    ...(mapping ? { mapping } : {}),
  });
  if (!mapping) {
    return withColumns(
      failedPreview(
        'generic',
        variant,
        'choose which column holds the time and which the description',
      ),
    );
  }
  const unknown = Object.values(mapping).filter(
    (c): c is string => typeof c === 'string' && c !== '' && !table.hasColumn(c),
  );
  if (unknown.length > 0) {
    return withColumns(
      failedPreview(
        'generic',
        variant,
        `the file has no column ${unknown.map((c) => `"${c}"`).join(', ')}`,
      ),
    );
  }
  if (table.rows.length === 0)
    return withColumns(failedPreview('generic', variant, 'the file has a header but no rows'));
  const tooMany = tooManyRows('generic', variant, table.rows.length);
  if (tooMany) return withColumns(tooMany);

  const out = new PreviewBuilder('generic', variant, table.rows.length, opts.onProgress);
  const cell = (get: (c: string) => unknown, c: string | undefined) =>
    c ? text(get(c)).trim() : '';
  for (const [i, { row, get }] of table.rows.entries()) {
    out.tick(i);
    if (table.badRows.has(row)) {
      out.refuse(row, table.csv ? 'malformed quotes' : 'each row must be a JSON object');
      continue;
    }
    const t = readTime(get(mapping.time), opts.zone);
    const description = out.description(cell(get, mapping.description));
    const phase = parsePhase(cell(get, mapping.phase));
    const reasons = [
      ...(t.ok ? [] : [`${mapping.time}: ${t.reason}`]),
      ...(description ? [] : [`${mapping.description} is empty`]),
      ...('reason' in phase ? [phase.reason] : []),
    ];
    if (!t.ok || !description || 'reason' in phase) {
      out.refuse(row, reasons.join('; '));
      continue;
    }
    const sourceId = cell(get, mapping.sourceId);
    const event: EventInput = {
      time: t.time,
      description,
      phase: phase.phase,
      source: cell(get, mapping.source),
      actor: cell(get, mapping.actor),
      ...(sourceId ? { sourceId } : {}),
    };
    out.add(event, t.zoneAssumed, t.repeatedHour === true);
  }
  return withColumns(out.build(opts.zone));
}
