import { type Fishbone, readFishbone } from '@causeway/core';
import type * as Y from 'yjs';
import { reuseRecords } from '../board/stableRead.ts';
import { useDocArea } from './useDocArea.ts';

const last = new WeakMap<Y.Doc, Fishbone>();

// Reuses unchanged categories and causes so diagram nodes keep their identity (xyflow #4159).
function readStableFishbone(doc: Y.Doc): Fishbone {
  const prev = last.get(doc);
  const next = readFishbone(doc);
  if (!prev) {
    last.set(doc, next);
    return next;
  }
  const categories = reuseRecords(prev.categories, [...next.categories]);
  const causes = reuseRecords(prev.causes, [...next.causes]);
  const out =
    categories === prev.categories && causes === prev.causes ? prev : { categories, causes };
  last.set(doc, out);
  return out;
}

/** Fishbone categories and causes; the same object until either changes. */
export function useFishbone(): Fishbone {
  return useDocArea('fishbone', readStableFishbone);
}
