import type { TimelineEvent } from '@causeway/core';
import { useSyncExternalStore } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { timelineStore } from '../board/timelineStore.ts';

/**
 * The timeline sorted by instant; the same array until an event changes, and the same event
 * object for every event that did not change.
 */
export function useTimeline(): readonly TimelineEvent[] {
  const { doc } = useBoard();
  const live = timelineStore(doc);
  return useSyncExternalStore(live.subscribe, live.read);
}
