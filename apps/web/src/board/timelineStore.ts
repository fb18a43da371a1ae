/**
 * One live, sorted timeline per doc for `useSyncExternalStore`: every component that shows the
 * timeline shares it, and a transaction re-reads only the events it touched (core's
 * `liveTimeline`), so each slice of a 50,000-row import costs a merge rather than a full re-read.
 * Like `areaStore`, it lives as long as the doc, so no change between render and subscribe is lost.
 */
import { type LiveTimeline, liveTimeline } from '@causeway/core';
import type * as Y from 'yjs';

const timelines = new WeakMap<Y.Doc, LiveTimeline>();

/** The shared live timeline of `doc`. */
export function timelineStore(doc: Y.Doc): LiveTimeline {
  let live = timelines.get(doc);
  if (!live) {
    live = liveTimeline(doc);
    timelines.set(doc, live);
  }
  return live;
}
