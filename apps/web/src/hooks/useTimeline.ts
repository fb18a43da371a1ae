import { readTimeline, type TimelineEvent } from '@causeway/core';
import { stableReader } from '../board/stableRead.ts';
import { useDocArea } from './useDocArea.ts';

// Module scope: the reader keys the shared snapshot cache and keeps the previous read per doc.
const readStableTimeline = stableReader(readTimeline);

/**
 * The timeline sorted by instant; the same array until an event changes, and the same event
 * object for every event that did not change.
 */
export function useTimeline(): readonly TimelineEvent[] {
  return useDocArea('timeline', readStableTimeline);
}
