import { type BoardNotes, readNotes } from '@causeway/core';
import { useDocArea } from './useDocArea.ts';

/** The executive summary and meeting minutes; re-read only when a note changes. */
export function useNotes(): BoardNotes {
  return useDocArea('notes', readNotes);
}
