/**
 * The RCA export: the whole review as one plain JSON value for archives, tickets and reports.
 * Its JSON Schema is docs/schema/rca-export.schema.json; `RcaExport` below mirrors it field by field.
 * Warnings are objects (`RcaWarning`), so tools can filter on `code` and still show `message`.
 */
import type * as Y from 'yjs';
import { readBoard } from '../board/doc.ts';
import { normaliseTime, toUtcIso } from '../board/time.ts';
import type {
  ActionStatus,
  FishboneCause,
  Phase,
  PlaybookStatus,
  Priority,
  Severity,
  TimelineEvent,
  WhyNode,
} from '../board/types.ts';
import {
  computeMetrics,
  METRIC_DEFINITIONS,
  type MetricDefinition,
  type MetricKey,
} from '../metrics/metrics.ts';

/** 2 added the notes, playbook updates, detection rules, Jira keys and template; v1 fields unchanged. */
export const RCA_SCHEMA_VERSION = 2;

export interface SnapshotInfo {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
}

export interface RcaTimelineEvent {
  readonly id: string;
  /** Canonical ISO 8601 with the source's offset (see board/time.ts). */
  readonly time: string;
  /** The same instant in UTC; null only for a stored time that does not parse. */
  readonly timeUtc: string | null;
  readonly description: string;
  readonly phase: Phase | null;
  readonly source: string;
  readonly actor: string;
  /** The event's id in the tool it was imported from; absent for events typed on the board. */
  readonly sourceId?: string;
  /** When the source recorded the event (e.g. ECS event.created); absent when unknown. */
  readonly recordedTime?: string;
}

export interface RcaWhy {
  readonly id: string;
  readonly text: string;
  readonly isRootCause: boolean;
  /** Ids of timeline events cited as evidence. */
  readonly evidence: readonly string[];
  readonly children: readonly RcaWhy[];
}

export interface RcaCause {
  readonly id: string;
  readonly text: string;
  readonly evidence: readonly string[];
  readonly subCauses: readonly RcaCause[];
}

export interface RcaCategory {
  readonly id: string;
  readonly name: string;
  readonly causes: readonly RcaCause[];
}

export interface RcaActionItem {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  /** YYYY-MM-DD, or null when none was set. */
  readonly dueDate: string | null;
  readonly priority: Priority;
  readonly status: ActionStatus;
  readonly addresses: { readonly kind: 'why' | 'cause'; readonly id: string } | null;
  /** The Jira issue created for it (e.g. "SEC-12"), or null when never pushed. (v2) */
  readonly jiraKey: string | null;
}

export interface RcaPlaybookUpdate {
  readonly id: string;
  readonly playbook: string;
  readonly change: string;
  readonly answers: { readonly kind: 'why' | 'cause'; readonly id: string } | null;
  readonly status: PlaybookStatus;
}

export interface RcaDetectionRule {
  readonly id: string;
  readonly title: string;
  /** The Sigma rule as the board holds it; it may not validate (see sigma.ts). */
  readonly yaml: string;
  readonly source: { readonly kind: 'why' | 'cause' | 'action'; readonly id: string } | null;
}

export type RcaWarningCode =
  | 'metric-out-of-order'
  | 'metric-missing-milestone'
  | 'invalid-event-time';

export interface RcaWarning {
  readonly code: RcaWarningCode;
  /** The metric concerned, or null for a warning about an event. */
  readonly metric: MetricKey | null;
  /** A sentence for people, naming the events (ids and descriptions) involved. */
  readonly message: string;
  readonly eventIds: readonly string[];
}

/** The RCA export, a plain JSON value; its JSON Schema is docs/schema/rca-export.schema.json. */
export interface RcaExport {
  readonly schemaVersion: typeof RCA_SCHEMA_VERSION;
  readonly exportedAt: string;
  readonly room: string;
  readonly snapshot: SnapshotInfo | null;
  readonly board: {
    readonly title: string;
    readonly incidentId: string;
    readonly severity: Severity;
    readonly problem: string;
    /** When the board was created; null if it never was initialised. */
    readonly createdAt: string | null;
    /** Template id the board started from, or null. (v2) */
    readonly template: string | null;
  };
  readonly timeline: readonly RcaTimelineEvent[];
  /** Phase -> time (original offset) of the earliest event tagged with it; absent phases omitted. */
  readonly milestones: Partial<Record<Phase, string>>;
  readonly metrics: Readonly<Record<MetricKey, number | null>>;
  readonly metricDefinitions: readonly MetricDefinition[];
  readonly warnings: readonly RcaWarning[];
  /** The 5-Whys tree; the root is the problem statement (id "problem"). */
  readonly whys: RcaWhy;
  readonly fishbone: { readonly head: string; readonly categories: readonly RcaCategory[] };
  /** The board's root-cause statement, or else the texts of whys marked as root causes, joined by "; ". */
  readonly rootCause: string;
  readonly actionItems: readonly RcaActionItem[];
  /** (v2) */
  readonly executiveSummary: string;
  /** (v2) */
  readonly meetingMinutes: string;
  /** (v2) */
  readonly playbookUpdates: readonly RcaPlaybookUpdate[];
  /** (v2) */
  readonly detectionRules: readonly RcaDetectionRule[];
}

/** Id of the synthetic root of `whys`; record ids carry a prefix (`why_…`), so it cannot clash. */
export const WHY_ROOT_ID = 'problem';

/** Groups records by parent id, keeping their order (readWhys/readFishbone order: oldest first). */
function childrenOf<T extends { readonly parentId: string | null }>(
  items: readonly T[],
): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const item of items) {
    const list = out.get(item.parentId) ?? [];
    list.push(item);
    out.set(item.parentId, list);
  }
  return out;
}

function whyTree(problem: string, whys: readonly WhyNode[]): RcaWhy {
  const kids = childrenOf(whys);
  const build = (w: WhyNode): RcaWhy => ({
    id: w.id,
    text: w.text,
    isRootCause: w.isRootCause,
    evidence: [...w.evidence],
    children: (kids.get(w.id) ?? []).map(build),
  });
  return {
    id: WHY_ROOT_ID,
    text: problem,
    isRootCause: false,
    evidence: [],
    children: (kids.get(null) ?? []).map(build),
  };
}

function causeTree(causes: readonly FishboneCause[], categoryId: string): RcaCause[] {
  const kids = childrenOf(causes.filter((c) => c.categoryId === categoryId));
  const build = (c: FishboneCause): RcaCause => ({
    id: c.id,
    text: c.text,
    evidence: [...c.evidence],
    subCauses: (kids.get(c.id) ?? []).map(build),
  });
  return (kids.get(null) ?? []).map(build);
}

function timelineEntry(e: TimelineEvent): RcaTimelineEvent {
  return {
    id: e.id,
    time: e.time,
    timeUtc: toUtcIso(e.time),
    description: e.description,
    phase: e.phase,
    source: e.source,
    actor: e.actor,
    ...(e.sourceId ? { sourceId: e.sourceId } : {}),
    ...(e.recordedTime ? { recordedTime: e.recordedTime } : {}),
  };
}

/** A stored timestamp in canonical form, or null when it is empty or was written garbled. */
function canonicalOrNull(iso: string): string | null {
  const n = normaliseTime(iso);
  return n.ok ? n.time : null;
}

function canonicalInstant(iso: string, what: string): string {
  const n = normaliseTime(iso);
  if (!n.ok) throw new RangeError(`${what}: ${n.reason}`);
  return n.time;
}

/** Builds the RCA export of a board: timeline, milestones, metrics, whys, fishbone, action items. */
export function buildRcaExport(
  doc: Y.Doc,
  opts: { readonly room: string; readonly snapshot?: SnapshotInfo; readonly exportedAt?: string },
): RcaExport {
  const board = readBoard(doc);
  const result = computeMetrics(board.timeline);
  const warnings: RcaWarning[] = [];

  for (const e of board.timeline) {
    if (Number.isNaN(e.epochMs)) {
      warnings.push({
        code: 'invalid-event-time',
        metric: null,
        message: `Event ${e.id} "${e.description}" has a time that does not parse ("${e.time}"); it counts for no milestone.`,
        eventIds: [e.id],
      });
    }
  }
  for (const v of result.values) {
    if (v.missing.length === 0) continue;
    const d = METRIC_DEFINITIONS.find((m) => m.key === v.key) as MetricDefinition;
    warnings.push({
      code: 'metric-missing-milestone',
      metric: v.key,
      message: `${d.label} not computed: no event is tagged ${v.missing.join(' or ')}.`,
      eventIds: [],
    });
  }
  for (const w of result.warnings) {
    warnings.push({
      code: 'metric-out-of-order',
      metric: w.metric,
      message: w.message,
      eventIds: [w.fromEventId, w.toEventId],
    });
  }

  const milestones: Partial<Record<Phase, string>> = {};
  for (const [phase, e] of Object.entries(result.milestones)) milestones[phase as Phase] = e.time;

  const metrics = Object.fromEntries(result.values.map((v) => [v.key, v.seconds])) as Record<
    MetricKey,
    number | null
  >;
  const { meta } = board;
  const flagged = board.whys.filter((w) => w.isRootCause).map((w) => w.text.trim());

  return {
    schemaVersion: RCA_SCHEMA_VERSION,
    exportedAt: canonicalInstant(opts.exportedAt ?? new Date().toISOString(), 'exportedAt'),
    room: opts.room,
    snapshot: opts.snapshot
      ? { id: opts.snapshot.id, label: opts.snapshot.label, createdAt: opts.snapshot.createdAt }
      : null,
    board: {
      title: meta.title,
      incidentId: meta.incidentId,
      severity: meta.severity,
      problem: meta.problem,
      createdAt: canonicalOrNull(meta.createdAt),
      template: meta.template === '' ? null : meta.template,
    },
    timeline: board.timeline.map(timelineEntry),
    milestones,
    metrics,
    metricDefinitions: METRIC_DEFINITIONS.map((d) => ({ ...d })),
    warnings,
    whys: whyTree(meta.problem, board.whys),
    fishbone: {
      head: meta.problem,
      categories: board.fishbone.categories.map((c) => ({
        id: c.id,
        name: c.name,
        causes: causeTree(board.fishbone.causes, c.id),
      })),
    },
    rootCause:
      meta.rootCause.trim() !== ''
        ? meta.rootCause.trim()
        : flagged.filter((t) => t !== '').join('; '),
    actionItems: board.actionItems.map((a) => ({
      id: a.id,
      title: a.title,
      owner: a.owner,
      dueDate: a.dueDate === '' ? null : a.dueDate,
      priority: a.priority,
      status: a.status,
      addresses: a.addresses ? { kind: a.addresses.kind, id: a.addresses.id } : null,
      jiraKey: a.jiraKey === '' ? null : a.jiraKey,
    })),
    executiveSummary: board.notes.executiveSummary,
    meetingMinutes: board.notes.minutes,
    playbookUpdates: board.playbookUpdates.map((p) => ({
      id: p.id,
      playbook: p.playbook,
      change: p.change,
      answers: p.answers ? { kind: p.answers.kind, id: p.answers.id } : null,
      status: p.status,
    })),
    detectionRules: board.detectionRules.map((r) => ({
      id: r.id,
      title: r.title,
      yaml: r.yaml,
      source: r.source ? { kind: r.source.kind, id: r.source.id } : null,
    })),
  };
}
