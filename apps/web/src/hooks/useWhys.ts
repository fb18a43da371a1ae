import { type WhyNode, readWhys } from '@causeway/core';
import { useDocArea } from './useDocArea.ts';

/** Every reachable why, oldest first; the same array until a why changes. */
export function useWhys(): readonly WhyNode[] {
  return useDocArea('whys', readWhys);
}
