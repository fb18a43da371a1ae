/**
 * DFIR-IRIS timelines: the CSV its import dialog takes (`event_date,event_tz,event_title,…`),
 * the CSV its "Export" button writes (`event_date(UTC),event_title,…`), and its event objects
 * (one, a list, or the `GET /case/timeline/events/list` answer).
 *
 * The exporter wraps every cell in quotes without escaping quotes inside them, so a title such as
 * `say "hi"` breaks strict CSV. When strict parsing fails, each record is re-split on the `","`
 * the exporter writes between cells.
 */
import type { EventInput } from '../board/doc.ts';
import { columnIndex, parseCsv } from './csv.ts';
import {
  failedPreview,
  type ImportPreview,
  PreviewBuilder,
  type PreviewOptions,
  plural,
  tooManyRows,
} from './preview.ts';
import { field, isRecord, type JsonRecord, stripBom, text } from './records.ts';
import { type ReadTime, readTime } from './times.ts';

const SOURCE = 'DFIR-IRIS';
const OFFSET = /^(?:Z|[+-]\d{2}:?\d{2})$/i;
const ENDS_WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** True for either IRIS timeline CSV header. */
export function isIrisCsvHeader(headerLine: string): boolean {
  const h = headerLine.toLowerCase().replace(/"/g, '');
  return /(^|,)event_date(\(utc\))?,/.test(h) && h.includes('event_title');
}

/** True for an IRIS event object, a list of them, or the timeline list API answer. */
export function isIrisJson(v: unknown): boolean {
  const items = irisItems(v);
  return (
    items !== null &&
    items.length > 0 &&
    items.every((e) => isRecord(e) && 'event_date' in e && 'event_title' in e)
  );
}

function irisItems(v: unknown): unknown[] | null {
  const list = field(v, 'data.timeline');
  if (Array.isArray(list)) return list;
  if (Array.isArray(v)) return v;
  return isRecord(v) ? [v] : null;
}

/**
 * An IRIS date with its zone: a wall-clock date plus event_tz ("+02:00"). A date that already names
 * an offset keeps it; without a usable tz the `fallbackZone` applies (and is reported).
 */
function irisTime(date: string, tz: string, fallbackZone: string): ReadTime {
  const d = date.trim();
  const z = tz.trim();
  if (ENDS_WITH_OFFSET.test(d) && /T/.test(d)) return readTime(d, undefined);
  if (OFFSET.test(z)) return readTime(`${d}${z}`, undefined);
  if (!z) return readTime(d, fallbackZone);
  // A named event_tz ("Europe/Paris") is the row's own zone: nothing was assumed for it.
  const t = readTime(d, z);
  return t.ok ? { ...t, zoneAssumed: false } : t;
}

interface IrisFields {
  readonly title: string;
  readonly content: string;
  readonly source: string;
  readonly actor: string;
  readonly sourceId: string;
}

function add(out: PreviewBuilder, row: number, t: ReadTime, f: IrisFields): void {
  if (!t.ok) {
    out.refuse(row, t.reason);
    return;
  }
  const title = f.title.trim();
  if (!title) {
    out.refuse(row, 'event_title is empty');
    return;
  }
  const content = f.content.trim();
  const event: EventInput = {
    time: t.time,
    description: out.description(content && content !== title ? `${title}: ${content}` : title),
    phase: null,
    source: f.source.trim() ? `${SOURCE} · ${f.source.trim()}` : SOURCE,
    actor: f.actor,
    ...(f.sourceId ? { sourceId: f.sourceId } : {}),
  };
  out.add(event, t.zoneAssumed, t.repeatedHour === true);
}

/** Splits one exporter record `"a","b","c"` on the quote-comma-quote between cells. */
function splitQuoted(line: string): string[] | null {
  const t = line.trim();
  if (t.length < 2 || !t.startsWith('"') || !t.endsWith('"')) return null;
  return t.slice(1, -1).split('","');
}

/**
 * Lenient records for a file strict CSV could not read: lines are joined until a record has as
 * many cells as the header (a title may hold a raw newline), then split on `","`.
 */
function lenientRows(
  text: string,
  columns: number,
): { cells: string[] | null; row: number; raw: string }[] {
  const lines = stripBom(text).split(/\r?\n/).slice(1);
  const out: { cells: string[] | null; row: number; raw: string }[] = [];
  let buffer = '';
  let row = 0;
  for (const line of lines) {
    if (buffer === '' && line.trim() === '') continue;
    buffer = buffer === '' ? line : `${buffer}\n${line}`;
    const cells = splitQuoted(buffer);
    if (cells && cells.length >= columns) {
      out.push({ cells: cells.length === columns ? cells : null, row: ++row, raw: buffer });
      buffer = '';
    } else if (!buffer.startsWith('"') || buffer.split('\n').length > 20) {
      out.push({ cells: null, row: ++row, raw: buffer });
      buffer = '';
    }
  }
  if (buffer !== '') out.push({ cells: null, row: ++row, raw: buffer });
  return out;
}

/** Reads an IRIS timeline CSV (import or export header). */
export function parseIrisCsv(csv: string, opts: PreviewOptions = {}): ImportPreview {
  if (stripBom(csv).trim() === '')
    return failedPreview('iris', 'DFIR-IRIS timeline CSV', 'the file is empty');
  const table = parseCsv(csv);
  const col = columnIndex(table.header);
  const exported = col('event_date(UTC)') >= 0;
  const variant = exported ? 'DFIR-IRIS timeline export (CSV)' : 'DFIR-IRIS timeline import CSV';
  const dateCol = exported ? col('event_date(UTC)') : col('event_date');
  if (dateCol < 0 || col('event_title') < 0) {
    return failedPreview(
      'iris',
      variant,
      'the header must name event_date (or event_date(UTC)) and event_title, as IRIS writes them',
    );
  }
  const width = table.header.length;
  const strictOk = table.badQuotes.size === 0 && table.rows.every((r) => r.cells.length === width);
  const rows = strictOk
    ? table.rows.map((r) => ({ cells: r.cells as string[] | null, row: r.row, raw: '' }))
    : lenientRows(csv, width);
  const tooMany = tooManyRows('iris', variant, rows.length);
  if (tooMany) return tooMany;
  if (rows.length === 0) return failedPreview('iris', variant, 'the file has a header but no rows');

  const out = new PreviewBuilder('iris', variant, rows.length, opts.onProgress);
  if (!strictOk)
    out.notes.push(
      'unescaped quotes found: cells were split on "," as the IRIS exporter writes them',
    );
  const tzCol = col('event_tz');
  const wtzCol = col('event_date_wtz');
  const cell = (cells: readonly string[], i: number) => (i >= 0 ? (cells[i] ?? '') : '');
  const fallbackZone = opts.zone ?? 'UTC';
  for (const [i, { cells, row, raw }] of rows.entries()) {
    out.tick(i);
    if (!cells) {
      out.refuse(
        row,
        `could not split into ${width} cells (quotes inside a cell?): ${raw.slice(0, 80)}`,
      );
      continue;
    }
    const tz = cell(cells, tzCol);
    // The export carries the UTC date and the wall-clock date in event_tz: prefer the latter, it
    // keeps the offset the analyst entered.
    const wall = cell(cells, wtzCol);
    const t =
      exported && wall && OFFSET.test(tz.trim())
        ? irisTime(wall, tz, fallbackZone)
        : exported
          ? irisTime(cell(cells, dateCol), '+00:00', fallbackZone)
          : irisTime(cell(cells, dateCol), tz, fallbackZone);
    add(out, row, t, {
      title: cell(cells, col('event_title')),
      content: cell(cells, col(exported ? 'event_description' : 'event_content')),
      source: cell(cells, col('event_source')),
      actor: cell(cells, col('created_by')),
      sourceId: '',
    });
  }
  return out.build(
    opts.zone,
    (n) => `${plural(n, 'row')} without an event_tz read as ${fallbackZone}`,
  );
}

/** Reads IRIS event objects (as the API and module hooks serialise CasesEvent). */
export function parseIrisJson(value: unknown, opts: PreviewOptions = {}): ImportPreview {
  const variant = 'DFIR-IRIS timeline events (JSON)';
  const items = irisItems(value);
  if (!items || items.length === 0)
    return failedPreview('iris', variant, 'expected IRIS event objects');
  const tooMany = tooManyRows('iris', variant, items.length);
  if (tooMany) return tooMany;
  const out = new PreviewBuilder('iris', variant, items.length, opts.onProgress);
  const fallbackZone = opts.zone ?? 'UTC';
  // IRIS stores event_date in UTC; only event_date_wtz is wall-clock in event_tz.
  for (const [i, e] of items.entries()) {
    out.tick(i);
    if (!isRecord(e)) {
      out.refuse(i + 1, 'each event must be an object');
      continue;
    }
    const ev = e as JsonRecord;
    const tz = text(ev.event_tz);
    const wall = text(ev.event_date_wtz);
    const t =
      wall && OFFSET.test(tz.trim())
        ? irisTime(wall, tz, fallbackZone)
        : irisTime(text(ev.event_date), '+00:00', fallbackZone);
    add(out, i + 1, t, {
      title: text(ev.event_title),
      content: text(ev.event_content),
      source: text(ev.event_source),
      actor: text(ev.user),
      sourceId: text(ev.event_uuid) || text(ev.event_id),
    });
  }
  return out.build(
    opts.zone,
    (n) => `${plural(n, 'event')} without an event_tz read as ${fallbackZone}`,
  );
}
