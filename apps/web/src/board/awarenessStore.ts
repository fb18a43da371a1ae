/**
 * Cached views of awareness for `useSyncExternalStore`, shared per (awareness, reader).
 *
 * Awareness 'change' fires for every cursor move of every peer (~30/s each), so each view keeps its
 * previous value when `same` says nothing it shows changed: the presence list and the timeline's
 * "who edits what" markers do not re-render while someone merely moves a pointer on a diagram.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface AwarenessView<T> {
  readonly read: (awareness: Awareness) => T;
  readonly same: (a: T, b: T) => boolean;
}

interface Store<T> {
  readonly subscribe: (onChange: () => void) => () => void;
  readonly getSnapshot: () => T;
}

const stores = new WeakMap<Awareness, Map<AwarenessView<unknown>, Store<unknown>>>();

function createStore<T>(awareness: Awareness, view: AwarenessView<T>): Store<T> {
  const listeners = new Set<() => void>();
  let cached = view.read(awareness);
  // Lives as long as the awareness instance, which BoardProvider destroys with the provider.
  awareness.on('change', () => {
    const next = view.read(awareness);
    if (view.same(cached, next)) return;
    cached = next;
    for (const l of listeners) l();
  });
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot: () => cached,
  };
}

/** The shared store for `view`; `view` must be a module-scope constant. */
export function awarenessStore<T>(awareness: Awareness, view: AwarenessView<T>): Store<T> {
  let byView = stores.get(awareness);
  if (!byView) {
    byView = new Map();
    stores.set(awareness, byView);
  }
  let store = byView.get(view as AwarenessView<unknown>);
  if (!store) {
    store = createStore(awareness, view) as Store<unknown>;
    byView.set(view as AwarenessView<unknown>, store);
  }
  return store as Store<T>;
}
