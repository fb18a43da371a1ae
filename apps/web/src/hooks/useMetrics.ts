import { computeMetrics, type MetricsResult } from '@causeway/core';
import { useMemo } from 'react';
import { useTimeline } from './useTimeline.ts';

export type MetricsState =
  | { readonly ok: true; readonly result: MetricsResult }
  | { readonly ok: false; readonly message: string };

/**
 * Response metrics of the live timeline, recomputed only when the timeline changes. A failure in
 * the calculation shows as a message on the panel instead of taking the whole board down.
 */
export function useMetrics(): MetricsState {
  const timeline = useTimeline();
  return useMemo(() => {
    try {
      return { ok: true, result: computeMetrics(timeline) };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }, [timeline]);
}
