// STUB: the core helper replaces this body; the signatures are the contract.
import type { Phase, TimelineEvent } from '../board/types.ts';

export type MetricKey =
  | 'dwellSeconds'
  | 'timeToTriageSeconds'
  | 'timeToContainSeconds'
  | 'timeToRecoverSeconds'
  | 'totalDurationSeconds';

export interface MetricDefinition {
  readonly key: MetricKey;
  readonly label: string;
  readonly from: Phase;
  readonly to: Phase;
  /** Shown on screen and in exports, e.g. "detection − compromise". */
  readonly definition: string;
}

export interface MetricValue {
  readonly key: MetricKey;
  readonly seconds: number | null;
  /** Why seconds is null: the missing milestones, or the out-of-order pair. */
  readonly missing: readonly Phase[];
  readonly outOfOrder: boolean;
}

export interface MetricWarning {
  readonly metric: MetricKey;
  readonly message: string;
  readonly fromEventId: string;
  readonly toEventId: string;
}

export interface MetricsResult {
  /** Phase -> earliest event tagged with it. */
  readonly milestones: Partial<Record<Phase, TimelineEvent>>;
  readonly values: readonly MetricValue[];
  readonly warnings: readonly MetricWarning[];
}

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [];

export function computeMetrics(_timeline: readonly TimelineEvent[]): MetricsResult {
  throw new Error('not implemented');
}
