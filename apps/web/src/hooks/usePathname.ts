import { useSyncExternalStore } from 'react';
import { NAVIGATE_EVENT } from '../routes.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const getPathname = () => window.location.pathname;

/** The current pathname; follows back/forward and `navigate()`. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname);
}
