/**
 * "Focus the editor of record X once it appears." A new why or cause is created in the doc, then
 * derived into a node, then mounted and measured: the request has to outlive those steps.
 */
import { createContext, type RefObject, useContext, useEffect } from 'react';

export interface FocusRequests {
  request(id: string): void;
  take(id: string): boolean;
  subscribe(fn: () => void): () => void;
}

export function createFocusRequests(): FocusRequests {
  let wanted: string | null = null;
  const subs = new Set<() => void>();
  return {
    request(id) {
      wanted = id;
      for (const fn of subs) fn();
    },
    take(id) {
      if (wanted !== id) return false;
      wanted = null;
      return true;
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

export const FocusRequestsContext = createContext<FocusRequests>(createFocusRequests());

/** Focuses `ref` when a request for `id` arrives; retries a few frames while React Flow measures. */
export function useFocusRequest(id: string, ref: RefObject<HTMLElement | null>): void {
  const requests = useContext(FocusRequestsContext);
  useEffect(() => {
    let frame = 0;
    const tryFocus = (attempt: number) => {
      const el = ref.current;
      el?.focus({ preventScroll: true });
      if (document.activeElement !== el && attempt < 30)
        frame = requestAnimationFrame(() => tryFocus(attempt + 1));
    };
    const check = () => {
      if (requests.take(id)) tryFocus(0);
    };
    check();
    const off = requests.subscribe(check);
    return () => {
      off();
      cancelAnimationFrame(frame);
    };
  }, [requests, id, ref]);
}
