import { type DetectionRule, readDetectionRules } from '@causeway/core';
import { stableReader } from '../board/stableRead.ts';
import { useDocArea } from './useDocArea.ts';

const readStable = stableReader(readDetectionRules);

/** Detection rules, oldest first; a keystroke in one rule leaves the others' objects as they were. */
export function useDetectionRules(): readonly DetectionRule[] {
  return useDocArea('detectionRules', readStable);
}
