/** Plain, readonly views of a board's records. Only `doc.ts` knows how they sit in the Y.Doc. */

export const PHASES = [
  'compromise',
  'detection',
  'triage',
  'containment',
  'eradication',
  'recovery',
  'closure',
] as const;
export type Phase = (typeof PHASES)[number];

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface BoardMeta {
  readonly title: string;
  readonly incidentId: string;
  readonly severity: Severity;
  /** The problem statement: root of the 5-Whys tree and head of the fishbone. */
  readonly problem: string;
  readonly rootCause: string;
  readonly createdAt: string;
  /** Id of the template the board was created from (templates/templates.ts), or ''. */
  readonly template: string;
}

export interface TimelineEvent {
  readonly id: string;
  /** ISO 8601 with the offset the source gave (never shifted). */
  readonly time: string;
  /** Milliseconds since the epoch of `time`, for sorting and metrics. */
  readonly epochMs: number;
  readonly description: string;
  readonly phase: Phase | null;
  readonly source: string;
  readonly actor: string;
  /** The event's id in the tool it was imported from (TheHive log id, Splunk _cd…); '' if none. */
  readonly sourceId: string;
  /**
   * When the source system recorded the event (ECS `event.created`), canonical like `time`;
   * '' if none. `time` stays when it happened.
   */
  readonly recordedTime: string;
}

/** A why: an answer to "why?" asked of its parent (null parent = asked of the problem). */
export interface WhyNode {
  readonly id: string;
  readonly parentId: string | null;
  readonly text: string;
  readonly isRootCause: boolean;
  readonly evidence: readonly string[];
  readonly createdAt: string;
}

export interface FishboneCategory {
  readonly id: string;
  readonly name: string;
  readonly order: number;
}

export interface FishboneCause {
  readonly id: string;
  readonly categoryId: string;
  /** null for a cause on the bone itself; a cause id for a sub-cause. */
  readonly parentId: string | null;
  readonly text: string;
  /** Offset the facilitator dragged it to, relative to its laid-out spot. */
  readonly dx: number;
  readonly dy: number;
  readonly evidence: readonly string[];
  readonly createdAt: string;
}

export interface Fishbone {
  readonly categories: readonly FishboneCategory[];
  readonly causes: readonly FishboneCause[];
}

export type CauseRef = { readonly kind: 'why' | 'cause'; readonly id: string };

export interface ActionItem {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  /** YYYY-MM-DD or empty. */
  readonly dueDate: string;
  readonly priority: Priority;
  readonly status: ActionStatus;
  readonly addresses: CauseRef | null;
  readonly createdAt: string;
  /** The Jira issue key written back after a push (e.g. "SEC-12"), or '' when never pushed. */
  readonly jiraKey: string;
}

export const PLAYBOOK_STATUSES = ['proposed', 'accepted', 'done', 'rejected'] as const;
export type PlaybookStatus = (typeof PLAYBOOK_STATUSES)[number];

/** A proposed change to a named playbook, and the cause it answers. */
export interface PlaybookUpdate {
  readonly id: string;
  readonly playbook: string;
  readonly change: string;
  readonly answers: CauseRef | null;
  readonly status: PlaybookStatus;
  readonly createdAt: string;
}

/** What a detection rule was drafted from: a cause (why or fishbone) or an action item. */
export type RuleSource = { readonly kind: 'why' | 'cause' | 'action'; readonly id: string };

/** A Sigma rule drafted on the board; `yaml` is the collaboratively edited text. */
export interface DetectionRule {
  readonly id: string;
  readonly title: string;
  readonly yaml: string;
  readonly source: RuleSource | null;
  readonly createdAt: string;
}

/** Long-form shared texts, edited character by character (see docs/adr/0007). */
export interface BoardNotes {
  readonly executiveSummary: string;
  readonly minutes: string;
}
export type NoteField = keyof BoardNotes;

export interface BoardView {
  readonly meta: BoardMeta;
  readonly timeline: readonly TimelineEvent[];
  readonly whys: readonly WhyNode[];
  readonly fishbone: Fishbone;
  readonly actionItems: readonly ActionItem[];
  readonly playbookUpdates: readonly PlaybookUpdate[];
  readonly detectionRules: readonly DetectionRule[];
  readonly notes: BoardNotes;
}
