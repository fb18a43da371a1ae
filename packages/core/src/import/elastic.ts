/**
 * Elastic / ECS documents: a JSON array, NDJSON, one document, or a search answer
 * (`hits.hits[]._source`). For Elastic Security alerts the event happened at
 * `kibana.alert.original_time` (the source event's time); `@timestamp` there is when the alert was
 * written, so it is kept as the recorded time. Other documents use `@timestamp` and keep
 * `event.created` (when an agent first read the event) as the recorded time.
 */
import type { EventInput } from '../board/doc.ts';
import {
  failedPreview,
  type ImportPreview,
  PreviewBuilder,
  type PreviewOptions,
  tooManyRows,
} from './preview.ts';
import { field, firstText, isRecord, type JsonRecord, text } from './records.ts';
import { readTime } from './times.ts';

/** One document to read and the row it came from. */
export interface ElasticRow {
  readonly row: number;
  readonly value: unknown;
}

const looksEcs = (v: unknown) =>
  isRecord(v) &&
  (field(v, '@timestamp') !== undefined ||
    field(v, 'kibana.alert.original_time') !== undefined ||
    (isRecord(v._source) && field(v._source, '@timestamp') !== undefined));

/** True for a search answer, or documents (or hits) carrying @timestamp. */
export function isElasticJson(v: unknown): boolean {
  if (Array.isArray(field(v, 'hits.hits'))) return true;
  const items = Array.isArray(v) ? v : [v];
  return items.length > 0 && items.every(looksEcs);
}

/** The documents of a parsed JSON value, numbered 1…n. */
export function elasticRows(v: unknown): ElasticRow[] {
  const hits = field(v, 'hits.hits');
  const items = Array.isArray(hits) ? hits : Array.isArray(v) ? v : [v];
  return items.map((value, i) => ({ row: i + 1, value }));
}

const DESCRIPTION_FIELDS = [
  'kibana.alert.reason',
  'kibana.alert.rule.name',
  'message',
  'event.original',
  'event.action',
  'rule.name',
] as const;

function addDocument(
  out: PreviewBuilder,
  { row, value }: ElasticRow,
  zone: string | undefined,
): void {
  if (!isRecord(value)) {
    out.refuse(row, 'each document must be an object');
    return;
  }
  const doc: JsonRecord = isRecord(value._source) ? value._source : value;
  const originalTime = field(doc, 'kibana.alert.original_time');
  const isAlert = originalTime !== undefined;
  const t = readTime(isAlert ? originalTime : field(doc, '@timestamp'), zone);
  if (!t.ok) {
    out.refuse(row, `${isAlert ? 'kibana.alert.original_time' : '@timestamp'}: ${t.reason}`);
    return;
  }
  const description = out.description(firstText(doc, DESCRIPTION_FIELDS));
  if (!description) {
    out.refuse(row, `no ${DESCRIPTION_FIELDS.join(', ')} to describe the event`);
    return;
  }
  const created = field(doc, 'event.created') ?? (isAlert ? field(doc, '@timestamp') : undefined);
  const recorded = created === undefined ? undefined : readTime(created, zone);
  const sourceId = text(value._id) || firstText(doc, ['kibana.alert.uuid', 'event.id']);
  const host = firstText(doc, ['host.name', 'host.hostname']);
  const event: EventInput = {
    time: t.time,
    description,
    phase: null,
    source: [isAlert ? 'Elastic alert' : 'Elastic', host].filter(Boolean).join(' · '),
    actor: firstText(doc, ['user.name', 'user.id']),
    ...(sourceId ? { sourceId } : {}),
    ...(recorded?.ok ? { recordedTime: recorded.time } : {}),
  };
  out.add(event, t.zoneAssumed, t.repeatedHour === true);
}

/** Reads Elastic documents (see the module comment for which time is which). */
export function parseElastic(
  rows: readonly ElasticRow[],
  variant: string,
  opts: PreviewOptions = {},
): ImportPreview {
  if (rows.length === 0) return failedPreview('elastic', variant, 'no documents');
  const tooMany = tooManyRows('elastic', variant, rows.length);
  if (tooMany) return tooMany;
  const out = new PreviewBuilder('elastic', variant, rows.length, opts.onProgress);
  for (const [i, r] of rows.entries()) {
    out.tick(i);
    addDocument(out, r, opts.zone);
  }
  return out.build(opts.zone);
}
