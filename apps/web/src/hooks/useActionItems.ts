import { type ActionItem, readActionItems } from '@causeway/core';
import { stableReader } from '../board/stableRead.ts';
import { useDocArea } from './useDocArea.ts';

const readStableActionItems = stableReader(readActionItems);

/** Action items, oldest first; unchanged items keep their object identity across edits. */
export function useActionItems(): readonly ActionItem[] {
  return useDocArea('actionItems', readStableActionItems);
}
