/**
 * ServiceNow incident records (Table API JSON `{result:[…]}`, a list, JSONv2 `{records:[…]}`,
 * or a CSV export). `opened_at`, `resolved_at` and `closed_at` become events. Their text has no
 * zone: the Table API returns UTC unless display values were asked for, so they are read as UTC
 * (or the zone option) and the preview says so. Durations are recomputed from the timestamps:
 * `calendar_stc` has been seen to disagree with them (the fixture is two hours off).
 */
import type { EventInput } from '../board/doc.ts';
import type { Phase } from '../board/types.ts';
import { formatDuration } from '../metrics/duration.ts';
import { parseCsv } from './csv.ts';
import {
  failedPreview,
  type ImportPreview,
  PreviewBuilder,
  type PreviewOptions,
  plural,
  tooManyRows,
} from './preview.ts';
import { field, isRecord, isSafeKey, type JsonRecord, stripBom, text } from './records.ts';
import { type ReadTime, readTime } from './times.ts';

const MILESTONES: readonly { field: string; verb: string; phase: Phase }[] = [
  { field: 'opened_at', verb: 'opened', phase: 'detection' },
  { field: 'resolved_at', verb: 'resolved', phase: 'recovery' },
  { field: 'closed_at', verb: 'closed', phase: 'closure' },
];

const isIncident = (v: unknown) =>
  isRecord(v) && 'opened_at' in v && ('number' in v || 'sys_id' in v);

/** The incident list inside a ServiceNow JSON answer, or null. */
function incidents(v: unknown): unknown[] | null {
  for (const key of ['result', 'records']) {
    const list = field(v, key);
    if (Array.isArray(list)) return list;
  }
  if (Array.isArray(v)) return v;
  return isIncident(v) ? [v] : null;
}

/** True for ServiceNow incident JSON. */
export function isServiceNowJson(v: unknown): boolean {
  const list = incidents(v);
  return list !== null && list.length > 0 && list.some(isIncident);
}

/** True for a CSV header with number and opened_at columns. */
export function isServiceNowCsvHeader(headerLine: string): boolean {
  const cols = headerLine
    .replace(/"/g, '')
    .split(',')
    .map((c) => c.trim());
  return cols.includes('opened_at') && cols.includes('number');
}

function addIncident(out: PreviewBuilder, row: number, rec: unknown, zone: string): void {
  if (!isRecord(rec)) {
    out.refuse(row, 'each incident must be an object');
    return;
  }
  const number = text(rec.number) || text(rec.sys_id);
  const summary = text(rec.short_description).trim();
  const times: { at: ReadTime; m: (typeof MILESTONES)[number] }[] = [];
  for (const m of MILESTONES) {
    const raw = text(rec[m.field]).trim();
    if (raw === '' && m.field !== 'opened_at') continue;
    const at = readTime(raw, zone);
    if (!at.ok) {
      out.refuse(row, `${m.field}: ${at.reason}`);
      return;
    }
    times.push({ at, m });
  }
  const opened = times[0]?.at;
  if (!opened?.ok) return;
  for (const { at, m } of times) {
    if (!at.ok) continue;
    const after =
      m.field === 'opened_at'
        ? ''
        : ` ${formatDuration((at.epochMs - opened.epochMs) / 1000)} after opening`;
    const event: EventInput = {
      time: at.time,
      description: out.description(`${number} ${m.verb}${after}${summary ? `: ${summary}` : ''}`),
      phase: m.phase,
      source: 'ServiceNow',
      actor: '',
      ...(text(rec.sys_id) ? { sourceId: `${text(rec.sys_id)}:${m.field}` } : {}),
    };
    out.add(event, at.zoneAssumed, at.repeatedHour === true);
  }
  const resolved = times.find((t) => t.m.field === 'resolved_at')?.at;
  const stc = Number(text(rec.calendar_stc));
  if (resolved?.ok && text(rec.calendar_stc) !== '' && Number.isFinite(stc)) {
    const computed = resolved.epochMs - opened.epochMs;
    if (Math.abs(computed - stc * 1000) >= 1000) {
      out.notes.push(
        `${number}: opened → resolved is ${formatDuration(computed / 1000)} (${computed / 1000} s) by its timestamps; ServiceNow's calendar_stc says ${formatDuration(stc)} (${stc} s). The timeline uses the timestamps.`,
      );
    }
  }
}

function build(
  list: readonly { row: number; rec: unknown }[],
  variant: string,
  opts: PreviewOptions,
): ImportPreview {
  if (list.length === 0) return failedPreview('servicenow', variant, 'no incidents');
  const tooMany = tooManyRows('servicenow', variant, list.length);
  if (tooMany) return tooMany;
  const zone = opts.zone ?? 'UTC';
  const out = new PreviewBuilder('servicenow', variant, list.length, opts.onProgress);
  out.notes.push(
    'opened_at, resolved_at and closed_at are tagged detection, recovery and closure: re-tag them if your process differs',
  );
  for (const [i, { row, rec }] of list.entries()) {
    out.tick(i);
    addIncident(out, row, rec, zone);
  }
  return out.build(opts.zone, (n) =>
    zone === 'UTC'
      ? `ServiceNow times carry no zone: ${plural(n, 'time')} read as UTC (the Table API answers in UTC)`
      : `ServiceNow times carry no zone: ${plural(n, 'time')} read as ${zone}`,
  );
}

/** Reads ServiceNow incident JSON. */
export function parseServiceNowJson(value: unknown, opts: PreviewOptions = {}): ImportPreview {
  const list = incidents(value);
  const variant = 'ServiceNow incidents (Table API JSON)';
  if (!list)
    return failedPreview(
      'servicenow',
      variant,
      'expected {"result": [...]} as the Table API returns it',
    );
  return build(
    list.map((rec, i) => ({ row: i + 1, rec })),
    variant,
    opts,
  );
}

/** Reads a ServiceNow incident CSV export (header names are the field names). */
export function parseServiceNowCsv(csv: string, opts: PreviewOptions = {}): ImportPreview {
  const variant = 'ServiceNow incidents (CSV)';
  if (stripBom(csv).trim() === '') return failedPreview('servicenow', variant, 'the file is empty');
  const table = parseCsv(csv);
  if (!table.header.includes('opened_at'))
    return failedPreview('servicenow', variant, 'the header has no opened_at column');
  const keys = table.header.map((h) => (isSafeKey(h) ? h : ''));
  return build(
    table.rows.map(({ cells, row }) => {
      const rec: Record<string, string> = {};
      for (const [c, k] of keys.entries()) if (k) rec[k] = cells[c] ?? '';
      return { row, rec: rec as JsonRecord };
    }),
    variant,
    opts,
  );
}
