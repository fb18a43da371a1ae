/**
 * Cached, per-area snapshots of the Y.Doc for `useSyncExternalStore`.
 *
 * One store per (doc, reader): every component that reads the timeline shares one array, and it is
 * recomputed only after a transaction touched that area. The observer lives as long as the doc
 * (BoardProvider destroys the doc on unmount), so a change that lands between a component's first
 * render and its subscription still marks the cache stale instead of being missed.
 */
import { type BoardArea, observeArea } from '@causeway/core';
import type * as Y from 'yjs';

export interface AreaStore<T> {
  readonly subscribe: (onChange: () => void) => () => void;
  readonly getSnapshot: () => T;
}

type Reader<T> = (doc: Y.Doc) => T;

const stores = new WeakMap<Y.Doc, Map<Reader<unknown>, AreaStore<unknown>>>();

function createAreaStore<T>(doc: Y.Doc, area: BoardArea, read: Reader<T>): AreaStore<T> {
  const listeners = new Set<() => void>();
  let stale = true;
  let cached: T;
  observeArea(doc, area, () => {
    stale = true;
    for (const l of listeners) l();
  });
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot() {
      if (stale) {
        cached = read(doc);
        stale = false;
      }
      return cached;
    },
  };
}

/** The shared store for `read` over `area`; `read` must be a module-scope function. */
export function areaStore<T>(doc: Y.Doc, area: BoardArea, read: Reader<T>): AreaStore<T> {
  let byReader = stores.get(doc);
  if (!byReader) {
    byReader = new Map();
    stores.set(doc, byReader);
  }
  let store = byReader.get(read as Reader<unknown>);
  if (!store) {
    store = createAreaStore(doc, area, read) as AreaStore<unknown>;
    byReader.set(read as Reader<unknown>, store);
  }
  return store as AreaStore<T>;
}
