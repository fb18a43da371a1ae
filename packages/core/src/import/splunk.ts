/**
 * Splunk search results: the REST JSON envelope (`{results:[…]}`), the export stream
 * (`/services/search/jobs/export`, one `{preview, offset, result}` per line) and CSV.
 * `_time` arrives as ISO 8601 with an offset, as epoch seconds with decimals, or as
 * `YYYY-MM-DD HH:MM:SS.mmm GMT`; zone-less text needs the zone option (it was rendered in the
 * exporting user's zone, which the file does not say).
 */
import type { EventInput } from '../board/doc.ts';
import { parseCsv } from './csv.ts';
import {
  failedPreview,
  type ImportPreview,
  PreviewBuilder,
  type PreviewOptions,
  plural,
  tooManyRows,
} from './preview.ts';
import { isRecord, isSafeKey, type JsonRecord, parseJsonLines, stripBom, text } from './records.ts';
import { readTime } from './times.ts';

/** True for the REST envelope (or a bare list of results with `_time`). */
export function isSplunkJson(v: unknown): boolean {
  if (isRecord(v) && Array.isArray(v.results)) return true;
  return Array.isArray(v) && v.length > 0 && v.every((r) => isRecord(r) && '_time' in r);
}

/** True when the JSON lines look like the export stream. */
export const isSplunkStream = (lines: readonly { value: JsonRecord }[]) =>
  lines.length > 0 &&
  lines.some((l) => isRecord(l.value.result)) &&
  lines.every(
    (l) =>
      'result' in l.value || 'lastrow' in l.value || 'messages' in l.value || 'preview' in l.value,
  );

/** True for a CSV header with a `_time` column. */
export const isSplunkCsvHeader = (headerLine: string) =>
  headerLine
    .replace(/"/g, '')
    .split(',')
    .some((h) => h.trim() === '_time');

// Fields Splunk adds to every result; the rest are the user's extracted fields.
const INTERNAL =
  /^(?:_|date_|punct$|linecount$|splunk_server|timestartpos|timeendpos|eventtype$|tag::)/;

function describe(r: JsonRecord): string {
  const raw = text(r._raw) || text(r.message);
  if (raw) return raw;
  // A transforming search (stats, table) has no _raw: its fields are the event.
  return Object.keys(r)
    .filter((k) => isSafeKey(k) && !INTERNAL.test(k) && text(r[k]) !== '')
    .map((k) => `${k}=${text(r[k])}`)
    .join(' ');
}

function addResult(out: PreviewBuilder, row: number, r: unknown, zone: string | undefined): void {
  if (!isRecord(r)) {
    out.refuse(row, 'each result must be an object');
    return;
  }
  const t = readTime(r._time, zone, 's');
  if (!t.ok) {
    out.refuse(row, `_time: ${t.reason}`);
    return;
  }
  const description = out.description(describe(r));
  if (!description) {
    out.refuse(row, 'the result has no _raw and no fields to describe it');
    return;
  }
  // _cd is an offset inside one bucket (_bkt): together they name one indexed event.
  const bkt = text(r._bkt);
  const cd = text(r._cd);
  const indexed = r._indextime === undefined ? undefined : readTime(r._indextime, undefined, 's');
  const event: EventInput = {
    time: t.time,
    description,
    phase: null,
    source: ['Splunk', text(r.host), text(r.sourcetype)].filter(Boolean).join(' · '),
    actor: text(r.user),
    ...(bkt && cd ? { sourceId: `${bkt}/${cd}` } : {}),
    ...(indexed?.ok ? { recordedTime: indexed.time } : {}),
  };
  out.add(event, t.zoneAssumed, t.repeatedHour === true);
}

const zoneNote = (zone: string | undefined) => (n: number) =>
  `${plural(n, 'zone-less _time')} read as ${zone ?? 'UTC'}`;

/** Reads the REST JSON envelope `{results:[…]}` (or a bare list of results). */
export function parseSplunkJson(value: unknown, opts: PreviewOptions = {}): ImportPreview {
  const variant = 'Splunk search results (JSON)';
  const results = isRecord(value) ? value.results : value;
  if (!Array.isArray(results))
    return failedPreview('splunk', variant, 'expected {"results": [...]} as Splunk returns it');
  if (results.length === 0)
    return failedPreview('splunk', variant, 'the search returned no results');
  const tooMany = tooManyRows('splunk', variant, results.length);
  if (tooMany) return tooMany;
  const out = new PreviewBuilder('splunk', variant, results.length, opts.onProgress);
  for (const [i, r] of results.entries()) {
    out.tick(i);
    addResult(out, i + 1, r, opts.zone);
  }
  return out.build(opts.zone, zoneNote(opts.zone));
}

/** Reads the export stream: one JSON object per line; `lastrow` and message lines are skipped. */
export function parseSplunkStream(text: string, opts: PreviewOptions = {}): ImportPreview {
  const variant = 'Splunk export stream (JSON lines)';
  const lines = parseJsonLines(stripBom(text));
  if (!lines) return failedPreview('splunk', variant, 'every line must be one JSON object');
  const rows = lines.filter((l) => 'result' in l.value);
  if (rows.length === 0) return failedPreview('splunk', variant, 'the stream holds no results');
  const tooMany = tooManyRows('splunk', variant, rows.length);
  if (tooMany) return tooMany;
  const out = new PreviewBuilder('splunk', variant, rows.length, opts.onProgress);
  const previews = rows.filter((l) => l.value.preview === true).length;
  // Preview rows are partial results a later final row replaces; importing both would duplicate.
  if (previews > 0 && previews < rows.length)
    out.notes.push(`${plural(previews, 'preview row')} skipped (final results kept)`);
  for (const [i, { line, value }] of rows.entries()) {
    out.tick(i);
    if (previews < rows.length && value.preview === true) continue;
    addResult(out, line, value.result, opts.zone);
  }
  return out.build(opts.zone, zoneNote(opts.zone));
}

/** Reads Splunk CSV (Splunk Web export or intersplunk); `_time` may be epoch seconds there. */
export function parseSplunkCsv(csv: string, opts: PreviewOptions = {}): ImportPreview {
  const variant = 'Splunk search results (CSV)';
  if (stripBom(csv).trim() === '') return failedPreview('splunk', variant, 'the file is empty');
  const table = parseCsv(csv);
  if (!table.header.includes('_time'))
    return failedPreview('splunk', variant, 'the header has no _time column');
  if (table.rows.length === 0)
    return failedPreview('splunk', variant, 'the file has a header but no rows');
  const tooMany = tooManyRows('splunk', variant, table.rows.length);
  if (tooMany) return tooMany;
  const out = new PreviewBuilder('splunk', variant, table.rows.length, opts.onProgress);
  const keys = table.header.map((h) => (isSafeKey(h) ? h : ''));
  for (const [i, { cells, row }] of table.rows.entries()) {
    out.tick(i);
    if (table.badQuotes.has(row)) {
      out.refuse(row, 'malformed quotes');
      continue;
    }
    const record: Record<string, string> = {};
    for (const [c, k] of keys.entries()) if (k) record[k] = cells[c] ?? '';
    addResult(out, row, record, opts.zone);
  }
  return out.build(opts.zone, zoneNote(opts.zone));
}
