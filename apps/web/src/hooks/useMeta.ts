import { type BoardMeta, readMeta } from '@causeway/core';
import { useDocArea } from './useDocArea.ts';

/** Title, incident id, severity, problem and root cause; re-read only when meta changes. */
export function useMeta(): BoardMeta {
  return useDocArea('meta', readMeta);
}
