import { type ActionItem, readActionItems } from '@causeway/core';
import { useDocArea } from './useDocArea.ts';

/** Action items, oldest first; the same array until one changes. */
export function useActionItems(): readonly ActionItem[] {
  return useDocArea('actionItems', readActionItems);
}
