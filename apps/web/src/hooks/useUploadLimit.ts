import { MAX_IMPORT_BYTES } from '@causeway/core';
import { useAccess } from './useAccess.ts';

/** The relay's import upload limit (from its access answer); core's default until it answers. */
export function useUploadLimit(): number {
  return useAccess()?.maxUploadBytes ?? MAX_IMPORT_BYTES;
}
