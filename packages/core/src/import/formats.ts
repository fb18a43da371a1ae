/** One entry point for every import format: detect (unless told), then run that format's reader. */
import { parseZone, unknownZoneMessage } from '../board/time.ts';
import { detectSniffed, type Sniffed, sniff } from './detect.ts';
import { elasticRows, parseElastic } from './elastic.ts';
import { notTextReason } from './fileChecks.ts';
import { parseGeneric } from './generic.ts';
import { parseIrisCsv, parseIrisJson } from './iris.ts';
import {
  FORMAT_LABELS,
  failedPreview,
  type ImportFormat,
  type ImportPreview,
  type PreviewOptions,
  plural,
} from './preview.ts';
import { isRecord, stripBom } from './records.ts';
import { parseServiceNowCsv, parseServiceNowJson } from './servicenow.ts';
import { parseSplunkCsv, parseSplunkJson, parseSplunkStream } from './splunk.ts';
import { parseTheHiveTaskLogs } from './thehive4.ts';
import { isTheHiveTimeline, parseTheHiveCustomEvents, parseTheHiveTimeline } from './thehive5.ts';

const KIND_NAMES: Readonly<Record<Sniffed['kind'], string>> = {
  json: 'JSON',
  jsonl: 'JSON lines',
  csv: 'CSV',
  invalid: 'unreadable',
};

function read(
  format: ImportFormat,
  input: string,
  s: Sniffed,
  opts: PreviewOptions,
): ImportPreview | null {
  switch (format) {
    case 'thehive5':
      if (s.kind !== 'json') return null;
      return isTheHiveTimeline(s.value) || (isRecord(s.value) && 'events' in s.value)
        ? parseTheHiveTimeline(s.value, opts)
        : parseTheHiveCustomEvents(s.value, opts);
    case 'thehive4':
      return s.kind === 'json' ? parseTheHiveTaskLogs(s.value, opts) : null;
    case 'iris':
      if (s.kind === 'csv') return parseIrisCsv(input, opts);
      return s.kind === 'json' ? parseIrisJson(s.value, opts) : null;
    case 'splunk':
      if (s.kind === 'csv') return parseSplunkCsv(input, opts);
      if (s.kind === 'json') return parseSplunkJson(s.value, opts);
      if (s.kind === 'jsonl')
        return s.lines.some((l) => 'result' in l.value)
          ? parseSplunkStream(input, opts)
          : parseSplunkJson(
              s.lines.map((l) => l.value),
              opts,
            );
      return null;
    case 'elastic':
      if (s.kind === 'json')
        return parseElastic(elasticRows(s.value), 'Elastic documents (JSON)', opts);
      if (s.kind === 'jsonl')
        return parseElastic(
          s.lines.map((l) => ({ row: l.line, value: l.value })),
          'Elastic documents (NDJSON)',
          opts,
        );
      return null;
    case 'servicenow':
      if (s.kind === 'csv') return parseServiceNowCsv(input, opts);
      return s.kind === 'json' ? parseServiceNowJson(s.value, opts) : null;
    case 'generic':
      return parseGeneric(input, opts);
  }
}

/** Reads a file of any supported format into a preview; nothing is written anywhere. */
export function previewImport(input: string, opts: PreviewOptions = {}): ImportPreview {
  if (stripBom(input).trim() === '')
    return failedPreview(opts.format ?? 'generic', 'empty', 'the file is empty');
  const notText = notTextReason(input);
  if (notText) return failedPreview(opts.format ?? 'generic', 'not text', notText);
  const s = sniff(input);
  if (s.kind === 'invalid') return failedPreview(opts.format ?? 'generic', 'unreadable', s.reason);
  const format = opts.format ?? detectSniffed(input, s);
  // A bad zone is the request's fault, not each row's: one refusal for the file.
  if (opts.zone !== undefined && opts.zone.trim() !== '' && !parseZone(opts.zone))
    return failedPreview(format, KIND_NAMES[s.kind], unknownZoneMessage(opts.zone));
  const preview =
    read(format, input, s, opts) ??
    failedPreview(
      format,
      KIND_NAMES[s.kind],
      `${FORMAT_LABELS[format]} cannot be read from ${KIND_NAMES[s.kind]}`,
    );
  return withEncodingNote(preview, input);
}

/**
 * Says so when the text holds U+FFFD, which every client's UTF-8 decoder writes for bytes that are
 * not UTF-8: a file saved as Latin-1 reads "café" as "caf\uFFFD", and the board would keep that.
 * (A file that is mostly such bytes is refused as not text before this.)
 */
function withEncodingNote(preview: ImportPreview, input: string): ImportPreview {
  let bad = 0;
  for (let i = input.indexOf('\uFFFD'); i !== -1; i = input.indexOf('\uFFFD', i + 1)) bad++;
  if (bad === 0) return preview;
  const note = `${plural(bad, 'character')} ${bad === 1 ? 'is' : 'are'} not valid UTF-8 (was the file saved as Latin-1/Windows-1252?); save it as UTF-8`;
  return { ...preview, notes: [note, ...preview.notes] };
}
