import { readWhys, type WhyNode } from '@causeway/core';
import { stableReader } from '../board/stableRead.ts';
import { useDocArea } from './useDocArea.ts';

const readStableWhys = stableReader(readWhys);

/** Every reachable why, oldest first; unchanged whys keep their object identity across edits. */
export function useWhys(): readonly WhyNode[] {
  return useDocArea('whys', readStableWhys);
}
