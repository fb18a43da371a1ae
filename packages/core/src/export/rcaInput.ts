/**
 * Reading an RCA export back (a file someone hands the CLI): the one validating normaliser for it.
 * Version 1 files are upgraded to version 2 with the fields v2 added left empty, so every output
 * (report, CSV, Jira, trends) reads one shape.
 */
import { z } from 'zod';
import {
  ACTION_STATUSES,
  PHASES,
  PLAYBOOK_STATUSES,
  PRIORITIES,
  SEVERITIES,
} from '../board/types.ts';
import { METRIC_DEFINITIONS, type MetricKey } from '../metrics/metrics.ts';
import { RCA_SCHEMA_VERSION, type RcaCause, type RcaExport, type RcaWhy } from './rca.ts';

const ref = z.object({ kind: z.enum(['why', 'cause']), id: z.string() }).nullable();
const phase = z.enum(PHASES);
const metricKey = z.enum(METRIC_DEFINITIONS.map((d) => d.key) as [MetricKey, ...MetricKey[]]);

const why: z.ZodType<RcaWhy> = z.lazy(() =>
  z.object({
    id: z.string(),
    text: z.string(),
    isRootCause: z.boolean(),
    evidence: z.array(z.string()),
    children: z.array(why),
  }),
);
const cause: z.ZodType<RcaCause> = z.lazy(() =>
  z.object({
    id: z.string(),
    text: z.string(),
    evidence: z.array(z.string()),
    subCauses: z.array(cause),
  }),
);

const rcaShape = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(2)]),
  exportedAt: z.string(),
  room: z.string(),
  snapshot: z.object({ id: z.string(), label: z.string(), createdAt: z.string() }).nullable(),
  board: z.object({
    title: z.string(),
    incidentId: z.string(),
    severity: z.enum(SEVERITIES),
    problem: z.string(),
    createdAt: z.string().nullable(),
    template: z.string().nullable().default(null),
  }),
  timeline: z.array(
    z.object({
      id: z.string(),
      time: z.string(),
      timeUtc: z.string().nullable(),
      description: z.string(),
      phase: phase.nullable(),
      source: z.string(),
      actor: z.string(),
    }),
  ),
  milestones: z.partialRecord(phase, z.string()),
  metrics: z.record(metricKey, z.number().min(0).nullable()),
  metricDefinitions: z.array(
    z.object({
      key: metricKey,
      label: z.string(),
      from: phase,
      to: phase,
      definition: z.string(),
    }),
  ),
  warnings: z.array(
    z.object({
      code: z.enum(['metric-out-of-order', 'metric-missing-milestone', 'invalid-event-time']),
      metric: metricKey.nullable(),
      message: z.string(),
      eventIds: z.array(z.string()),
    }),
  ),
  whys: why,
  fishbone: z.object({
    head: z.string(),
    categories: z.array(z.object({ id: z.string(), name: z.string(), causes: z.array(cause) })),
  }),
  rootCause: z.string(),
  actionItems: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      owner: z.string(),
      dueDate: z.string().nullable(),
      priority: z.enum(PRIORITIES),
      status: z.enum(ACTION_STATUSES),
      addresses: ref,
      jiraKey: z.string().nullable().default(null),
    }),
  ),
  executiveSummary: z.string().default(''),
  meetingMinutes: z.string().default(''),
  playbookUpdates: z
    .array(
      z.object({
        id: z.string(),
        playbook: z.string(),
        change: z.string(),
        answers: ref,
        status: z.enum(PLAYBOOK_STATUSES),
      }),
    )
    .default([]),
  detectionRules: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        yaml: z.string(),
        source: z.object({ kind: z.enum(['why', 'cause', 'action']), id: z.string() }).nullable(),
      }),
    )
    .default([]),
});

export type ParsedRca =
  | { readonly ok: true; readonly rca: RcaExport }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Validates an RCA export (v1 or v2) read from a file; v1 comes back as v2. */
export function parseRcaExport(value: unknown): ParsedRca {
  const r = rcaShape.safeParse(value);
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues
        .slice(0, 20)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    };
  }
  return { ok: true, rca: { ...r.data, schemaVersion: RCA_SCHEMA_VERSION } as RcaExport };
}
