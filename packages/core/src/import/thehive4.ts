/**
 * TheHive 4 (and 3) task logs from the legacy API: `{message, startDate (epoch ms), id, createdBy,
 * status}`, alone, in a list, or as a search answer. Deleted logs are refused, not imported.
 */
import {
  failedPreview,
  type ImportPreview,
  PreviewBuilder,
  type PreviewOptions,
  tooManyRows,
} from './preview.ts';
import { isRecord, text } from './records.ts';
import { fromEpoch } from './times.ts';

/** True for one task log or a list of them. */
export function isTheHiveTaskLogs(v: unknown): boolean {
  const items = Array.isArray(v) ? v : [v];
  return items.length > 0 && items.every((e) => isRecord(e) && 'message' in e && 'startDate' in e);
}

/** Reads TheHive 4 task logs. */
export function parseTheHiveTaskLogs(value: unknown, opts: PreviewOptions = {}): ImportPreview {
  const variant = 'TheHive 4 task logs';
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return failedPreview('thehive4', variant, 'the list is empty');
  const tooMany = tooManyRows('thehive4', variant, items.length);
  if (tooMany) return tooMany;
  const out = new PreviewBuilder('thehive4', variant, items.length, opts.onProgress);
  for (const [i, log] of items.entries()) {
    const row = i + 1;
    out.tick(i);
    if (!isRecord(log)) {
      out.refuse(row, 'each task log must be an object');
      continue;
    }
    if (log.status === 'Deleted') {
      out.refuse(row, 'the log was deleted in TheHive');
      continue;
    }
    const message = out.description(text(log.message));
    if (!message) {
      out.refuse(row, 'message is empty');
      continue;
    }
    if (typeof log.startDate !== 'number') {
      out.refuse(row, 'startDate must be epoch milliseconds (a number)');
      continue;
    }
    const t = fromEpoch(log.startDate, 'ms');
    if (!t.ok) {
      out.refuse(row, `startDate: ${t.reason}`);
      continue;
    }
    const sourceId = text(log.id) || text(log._id);
    out.add({
      time: t.time,
      description: message,
      phase: null,
      source: 'TheHive',
      actor: text(log.owner) || text(log.createdBy) || text(log.user),
      ...(sourceId ? { sourceId } : {}),
    });
  }
  return out.build(opts.zone);
}
