/**
 * Subscribes a component to one board area and re-reads it only when that area changed.
 * The snapshot is cached between changes so useSyncExternalStore sees a stable value.
 */
import { type BoardArea, observeArea } from '@causeway/core';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** The current value of `read(doc)`, refreshed after every transaction that touched `area`. */
export function useArea<T>(doc: Y.Doc, area: BoardArea, read: (doc: Y.Doc) => T): T {
  const cache = useRef<{ doc: Y.Doc; value: T } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) =>
      observeArea(doc, area, () => {
        cache.current = null;
        onChange();
      }),
    [doc, area],
  );
  const snapshot = () => {
    if (cache.current === null || cache.current.doc !== doc)
      cache.current = { doc, value: read(doc) };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, snapshot);
}
