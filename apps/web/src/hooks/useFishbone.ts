import { type Fishbone, readFishbone } from '@causeway/core';
import { useDocArea } from './useDocArea.ts';

/** Fishbone categories and causes; the same object until either changes. */
export function useFishbone(): Fishbone {
  return useDocArea('fishbone', readFishbone);
}
