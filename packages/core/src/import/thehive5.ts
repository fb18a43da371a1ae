/**
 * TheHive 5: the case timeline (`GET /api/v1/case/{id}/timeline` → `{events:[{date, kind, entity,
 * entityId, details, endDate?}]}`, also the UI's "Export to JSON") and custom events
 * (`{date, title, description?, endDate?}`, alone or in a list). Dates are epoch milliseconds.
 */
import type { EventInput } from '../board/doc.ts';
import {
  failedPreview,
  type ImportPreview,
  PreviewBuilder,
  type PreviewOptions,
  tooManyRows,
} from './preview.ts';
import { firstText, isRecord, type JsonRecord, text } from './records.ts';
import { fromEpoch } from './times.ts';

const SOURCE = 'TheHive';

/** True for TheHive's OutputTimeline shape. */
export const isTheHiveTimeline = (v: unknown): v is { events: unknown[] } =>
  isRecord(v) &&
  Array.isArray(v.events) &&
  v.events.some((e) => isRecord(e) && 'date' in e && 'kind' in e);

/** True for one custom event or a list of them. */
export function isTheHiveCustomEvents(v: unknown): boolean {
  const items = Array.isArray(v) ? v : [v];
  return (
    items.length > 0 &&
    items.every((e) => isRecord(e) && typeof e.date === 'number' && typeof e.title === 'string')
  );
}

// "case_task" + "update" -> "case task update"; the kinds are not enumerated in the OpenAPI spec.
const words = (s: string) => s.replace(/_+/g, ' ').trim();

function timelineDescription(e: JsonRecord): string {
  const details = isRecord(e.details) ? e.details : {};
  const title = firstText(details, ['title', 'name', 'message', 'data', 'description']);
  const detail = title && text(details.description) !== title ? text(details.description) : '';
  const what = [words(text(e.entity)), words(text(e.kind))].filter(Boolean).join(' ');
  const head = title && what ? `${title} (${what})` : title || what;
  return detail ? `${head}: ${detail}` : head;
}

/** Adds an event and, when `endDate` is a different instant, its end as a second event. */
function addWithEnd(
  out: PreviewBuilder,
  row: number,
  e: JsonRecord,
  base: Omit<EventInput, 'time'>,
): void {
  if (typeof e.date !== 'number') {
    out.refuse(row, 'date must be epoch milliseconds (a number)');
    return;
  }
  const start = fromEpoch(e.date, 'ms');
  if (!start.ok) {
    out.refuse(row, start.reason);
    return;
  }
  out.add({ ...base, time: start.time });
  if (typeof e.endDate === 'number' && e.endDate !== e.date) {
    const end = fromEpoch(e.endDate, 'ms');
    if (!end.ok) out.refuse(row, `endDate: ${end.reason}`);
    else
      out.add({
        ...base,
        time: end.time,
        description: out.description(`End: ${base.description}`),
        ...(base.sourceId ? { sourceId: `${base.sourceId}:end` } : {}),
      });
  }
}

/** Reads a TheHive 5 case timeline. */
export function parseTheHiveTimeline(value: unknown, opts: PreviewOptions = {}): ImportPreview {
  const variant = 'TheHive 5 case timeline';
  if (!isRecord(value) || !Array.isArray(value.events))
    return failedPreview('thehive5', variant, 'expected {"events": [...]} as TheHive 5 returns it');
  const items = value.events;
  if (items.length === 0) return failedPreview('thehive5', variant, 'the timeline has no events');
  const tooMany = tooManyRows('thehive5', variant, items.length);
  if (tooMany) return tooMany;
  const out = new PreviewBuilder('thehive5', variant, items.length, opts.onProgress);
  for (const [i, e] of items.entries()) {
    const row = i + 1;
    out.tick(i);
    if (!isRecord(e)) {
      out.refuse(row, 'each timeline event must be an object');
      continue;
    }
    const description = out.description(timelineDescription(e));
    if (!description) {
      out.refuse(row, 'the event has no kind, entity or details to describe it');
      continue;
    }
    const entityId = text(e.entityId);
    // One entity (a task, an alert) appears once per kind of change, so the id alone repeats.
    const sourceId = entityId ? `${entityId}:${text(e.kind)}:${text(e.date)}` : '';
    addWithEnd(out, row, e, {
      description,
      phase: null,
      source: SOURCE,
      ...(sourceId ? { sourceId } : {}),
    });
  }
  return out.build(opts.zone);
}

/** Reads TheHive 5 custom events (the body of POST /api/v1/case/{id}/customEvent, or a list). */
export function parseTheHiveCustomEvents(value: unknown, opts: PreviewOptions = {}): ImportPreview {
  const variant = 'TheHive 5 custom events';
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return failedPreview('thehive5', variant, 'the list is empty');
  const tooMany = tooManyRows('thehive5', variant, items.length);
  if (tooMany) return tooMany;
  const out = new PreviewBuilder('thehive5', variant, items.length, opts.onProgress);
  for (const [i, e] of items.entries()) {
    out.tick(i);
    if (!isRecord(e)) {
      out.refuse(i + 1, 'each custom event must be an object');
      continue;
    }
    const title = text(e.title).trim();
    if (!title) {
      out.refuse(i + 1, 'title is missing');
      continue;
    }
    const detail = text(e.description).trim();
    const sourceId = text(e._id);
    addWithEnd(out, i + 1, e, {
      description: out.description(detail ? `${title}: ${detail}` : title),
      phase: null,
      source: SOURCE,
      actor: text(e._createdBy),
      ...(sourceId ? { sourceId } : {}),
    });
  }
  return out.build(opts.zone);
}
