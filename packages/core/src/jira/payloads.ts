/**
 * Jira issue payloads from action items, for REST v2 (Server/Data Center: plain-text description,
 * assignee by user name) and v3 (Cloud: description in Atlassian Document Format, assignee by
 * accountId). Field shapes follow the samples in shared/fixtures/formats/jira_*.
 */
import type { Priority } from '../board/types.ts';
import type { RcaActionItem, RcaExport } from '../export/rca.ts';
import { reportModel } from '../export/reportModel.ts';

export type JiraApiVersion = 2 | 3;

export interface JiraTarget {
  readonly projectKey: string;
  /** Issue type name, e.g. "Task". */
  readonly issueType: string;
  readonly apiVersion: JiraApiVersion;
  /** Board owner text → Jira user (v2 user name, v3 accountId). Unmapped owners: see assigneeFor. */
  readonly assignees?: Readonly<Record<string, string>>;
}

/** Jira's default priority scheme names. */
export const JIRA_PRIORITY: Readonly<Record<Priority, string>> = {
  critical: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Jira documents "up to 50" issues per bulk create. */
export const JIRA_BULK_LIMIT = 50;

/** Label put on every created issue; finding it again is what makes a retried push safe. */
export const causewayLabel = (actionId: string) =>
  `causeway-${actionId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const SUMMARY_MAX = 255;
// Atlassian accountIds: 24 hex characters (older) or "<digits>:<uuid>".
const ACCOUNT_ID = /^(?:[0-9a-f]{24}|\d+:[0-9a-f-]{36})$/i;

export type AdfDoc = {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly {
    readonly type: 'paragraph';
    readonly content: readonly { readonly type: 'text'; readonly text: string }[];
  }[];
};

/**
 * Plain lines as an ADF document: one paragraph per non-empty line, a line holding line breaks
 * (a multi-line root cause) included (ADF forbids empty text nodes, and a "\n" inside one renders
 * as nothing).
 */
export function toAdf(lines: readonly string[]): AdfDoc {
  return {
    type: 'doc',
    version: 1,
    content: lines
      .flatMap((l) => l.split(/\r\n?|\n/))
      .filter((l) => l.trim() !== '')
      .map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })),
  };
}

/**
 * The assignee field, or null to leave the issue unassigned: v2 takes the owner's text as a user
 * name unless mapped; v3 needs an accountId, so only a mapped owner or one that is an accountId.
 */
export function assigneeFor(
  owner: string,
  target: JiraTarget,
): { name: string } | { accountId: string } | null {
  const o = owner.trim();
  if (o === '') return null;
  const mapped = target.assignees?.[o];
  if (target.apiVersion === 2) return { name: mapped ?? o };
  const id = mapped ?? (ACCOUNT_ID.test(o) ? o : null);
  return id ? { accountId: id } : null;
}

/**
 * One sentence on what assigneeFor does with an owner, so a preview explains a missing or
 * surprising assignee instead of leaving it out silently.
 */
export function assigneeNote(owner: string, target: JiraTarget): string | null {
  const o = owner.trim();
  if (o === '') return null;
  const a = assigneeFor(o, target);
  if (a === null)
    return `owner "${o}" not assigned: Jira Cloud needs an accountId (map the owner to one)`;
  if ('accountId' in a) return `owner "${o}" assigned to accountId ${a.accountId}`;
  return `owner "${o}" sent as the Jira username "${a.name}"`;
}

function descriptionLines(item: RcaActionItem, rca: RcaExport, addresses: string): string[] {
  const b = rca.board;
  return [
    `Action item from the post-incident review "${b.title}"${b.incidentId ? ` (${b.incidentId}, ${b.severity})` : ` (${b.severity})`}.`,
    `Addresses: ${addresses}`,
    ...(item.owner ? [`Owner on the board: ${item.owner}`] : []),
    ...(rca.rootCause ? [`Root cause: ${rca.rootCause}`] : []),
    `Causeway action ${item.id} in room ${rca.room}.`,
  ];
}

export interface JiraIssuePayload {
  /** The action item this issue is for. */
  readonly actionId: string;
  /** Its title on the board, so answers name items the way people see them (not by id). */
  readonly title: string;
  /** What becomes of the item's owner in Jira, for previews; null when it has no owner. */
  readonly assigneeNote: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Payloads for every action item that has no Jira key yet, in board order. */
export function jiraPayloads(rca: RcaExport, target: JiraTarget): JiraIssuePayload[] {
  const model = reportModel(rca);
  return rca.actionItems
    .filter((a) => !a.jiraKey)
    .map((item) => {
      const lines = descriptionLines(item, rca, model.refLabel(item.addresses));
      const summary = item.title.replace(/\s+/g, ' ').trim() || 'Action item';
      const assignee = assigneeFor(item.owner, target);
      const fields: Record<string, unknown> = {
        project: { key: target.projectKey },
        summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
        issuetype: { name: target.issueType },
        description: target.apiVersion === 2 ? lines.join('\n') : toAdf(lines),
        priority: { name: JIRA_PRIORITY[item.priority] },
        labels: ['causeway', causewayLabel(item.id)],
        ...(item.dueDate ? { duedate: item.dueDate } : {}),
        ...(assignee ? { assignee } : {}),
      };
      return {
        actionId: item.id,
        title: item.title,
        assigneeNote: assigneeNote(item.owner, target),
        fields,
      };
    });
}

/** Splits payloads into bulk-create bodies of at most 50 issues. */
export function jiraBulkBodies(
  payloads: readonly JiraIssuePayload[],
): { readonly issueUpdates: readonly { readonly fields: Readonly<Record<string, unknown>> }[] }[] {
  const out = [];
  for (let i = 0; i < payloads.length; i += JIRA_BULK_LIMIT) {
    out.push({
      issueUpdates: payloads.slice(i, i + JIRA_BULK_LIMIT).map((p) => ({ fields: p.fields })),
    });
  }
  return out;
}
