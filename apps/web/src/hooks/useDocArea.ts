import type { BoardArea } from '@causeway/core';
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { areaStore } from '../board/areaStore.ts';
import { useBoard } from '../board/BoardContext.tsx';

/**
 * Reads one board area with `read` and re-renders only when a transaction touched that area.
 * `read` must be stable (a module-scope function): it keys the shared snapshot cache.
 */
export function useDocArea<T>(area: BoardArea, read: (doc: Y.Doc) => T): T {
  const { doc } = useBoard();
  const store = areaStore(doc, area, read);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
