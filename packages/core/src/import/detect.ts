/**
 * Which tool wrote a file, from its content alone (file names lie: every SIEM export is
 * "export.csv"). Order matters: the specific shapes are tried before the generic fallback.
 */
import { firstLine } from './csv.ts';
import { isElasticJson } from './elastic.ts';
import { isIrisCsvHeader, isIrisJson } from './iris.ts';
import type { ImportFormat } from './preview.ts';
import { isRecord, parseJson, parseJsonLines, stripBom } from './records.ts';
import { isServiceNowCsvHeader, isServiceNowJson } from './servicenow.ts';
import { isSplunkCsvHeader, isSplunkJson, isSplunkStream } from './splunk.ts';
import { isTheHiveTaskLogs } from './thehive4.ts';
import { isTheHiveCustomEvents, isTheHiveTimeline } from './thehive5.ts';

/** What the file holds: its parsed JSON (once), its JSON lines, or CSV text. */
export type Sniffed =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'jsonl'; readonly lines: NonNullable<ReturnType<typeof parseJsonLines>> }
  | { readonly kind: 'csv' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Parses the file just enough to tell JSON, JSON lines and CSV apart. */
export function sniff(input: string): Sniffed {
  const body = stripBom(input).trim();
  if (body.startsWith('{') || body.startsWith('[')) {
    const parsed = parseJson(body);
    if (parsed.ok) return { kind: 'json', value: parsed.value };
    const lines = body.startsWith('{') ? parseJsonLines(body) : null;
    if (lines && lines.length > 0) return { kind: 'jsonl', lines };
    return { kind: 'invalid', reason: parsed.reason };
  }
  return { kind: 'csv' };
}

/** The format of a parsed JSON value. */
export function detectJson(value: unknown): ImportFormat {
  if (isTheHiveTimeline(value)) return 'thehive5';
  if (isTheHiveTaskLogs(value)) return 'thehive4';
  if (isTheHiveCustomEvents(value)) return 'thehive5';
  if (isServiceNowJson(value)) return 'servicenow';
  if (isSplunkJson(value)) return 'splunk';
  if (isIrisJson(value)) return 'iris';
  if (isElasticJson(value)) return 'elastic';
  return 'generic';
}

/** The format of JSON lines: Splunk's export stream, ECS NDJSON, or generic. */
export function detectJsonLines(
  lines: NonNullable<ReturnType<typeof parseJsonLines>>,
): ImportFormat {
  if (isSplunkStream(lines)) return 'splunk';
  const values = lines.map((l) => l.value);
  if (isElasticJson(values)) return 'elastic';
  if (values.every((v) => isRecord(v) && '_time' in v)) return 'splunk';
  return 'generic';
}

/** The format of CSV text, from its header line. */
export function detectCsv(input: string): ImportFormat {
  const header = firstLine(input);
  if (isIrisCsvHeader(header)) return 'iris';
  if (isServiceNowCsvHeader(header)) return 'servicenow';
  if (isSplunkCsvHeader(header)) return 'splunk';
  return 'generic';
}

/** The format of a file already sniffed (so its JSON is parsed once). */
export function detectSniffed(input: string, s: Sniffed): ImportFormat {
  if (s.kind === 'json') return detectJson(s.value);
  if (s.kind === 'jsonl') return detectJsonLines(s.lines);
  if (s.kind === 'csv') return detectCsv(input);
  return 'generic';
}

/** The format of a file's text. */
export const detectFormat = (input: string): ImportFormat => detectSniffed(input, sniff(input));
