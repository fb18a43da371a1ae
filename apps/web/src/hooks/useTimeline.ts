import { type TimelineEvent, readTimeline } from '@causeway/core';
import { useDocArea } from './useDocArea.ts';

/** The timeline sorted by instant; the same array until an event changes. */
export function useTimeline(): readonly TimelineEvent[] {
  return useDocArea('timeline', readTimeline);
}
