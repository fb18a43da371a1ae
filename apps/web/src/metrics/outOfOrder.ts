/** The out-of-order warning in a responder's words: which milestones, when, and what to do. */
import type { MetricDefinition, TimelineEvent } from '@causeway/core';
import { shorten, whenOf } from '../diagrams/shared/eventLabel.ts';
import { timeParts } from '../timeline/time.ts';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The clock alone when both events share a date, else date and clock ("Jul 2 14:09 UTC"). */
function whenPair(a: TimelineEvent, b: TimelineEvent): [string, string] {
  const pa = timeParts(a.time);
  const pb = timeParts(b.time);
  if (pa && pb && pa.date === pb.date && pa.offset === pb.offset) return [pa.clock, pb.clock];
  return [whenOf(a.time), whenOf(b.time)];
}

/**
 * "Recovery (14:09, 'Traffic and CPU back…') is before eradication (14:52, 'Offending rules…')
 * — fix the tags to get a value." Descriptions cut to `max` characters (Infinity for the full text).
 */
export function outOfOrderSentence(
  def: MetricDefinition,
  from: TimelineEvent,
  to: TimelineEvent,
  max = 28,
): string {
  const [toWhen, fromWhen] = whenPair(to, from);
  const quote = (e: TimelineEvent) =>
    `'${Number.isFinite(max) ? shorten(e.description, max) : e.description}'`;
  return (
    `${capitalise(def.to)} (${toWhen}, ${quote(to)}) is before ${def.from} ` +
    `(${fromWhen}, ${quote(from)}) — fix the tags to get a value.`
  );
}
