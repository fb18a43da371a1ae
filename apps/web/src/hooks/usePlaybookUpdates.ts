import { type PlaybookUpdate, readPlaybookUpdates } from '@causeway/core';
import { stableReader } from '../board/stableRead.ts';
import { useDocArea } from './useDocArea.ts';

const readStable = stableReader(readPlaybookUpdates);

/** Playbook updates, oldest first; unchanged ones keep their identity across edits. */
export function usePlaybookUpdates(): readonly PlaybookUpdate[] {
  return useDocArea('playbookUpdates', readStable);
}
