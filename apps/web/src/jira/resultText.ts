/** What a finished Jira push did, in one sentence for the dialog's status line. */
import type { JiraAnswer, JiraKeyedItem } from '../api.ts';

const items = (n: number) => `${n} action item${n === 1 ? '' : 's'}`;
/** An item as people know it: its board title (the id only if an older relay sent no title). */
const named = (i: { readonly actionId: string; readonly title?: string }) =>
  `"${i.title?.trim() || i.actionId}"`;
const keyed = (list: readonly JiraKeyedItem[]) =>
  list.map((i) => `${named(i)} → ${i.key}`).join(', ');

/**
 * 'Created 2: "A" → SEC-1, "B" → SEC-2. …', naming every item by title, or why nothing was sent
 * ("Created 0." says nothing).
 */
export function jiraResultText(answer: JiraAnswer): string {
  const created = answer.created?.length ?? 0;
  const adopted = answer.adopted?.length ?? 0;
  const failed = answer.failed ?? [];
  const linked = answer.alreadyLinked ?? 0;
  if (created + adopted + failed.length === 0) {
    return linked > 0
      ? `Nothing to send: ${linked === 1 ? 'the only action item is' : `all ${items(linked)} are`} already linked to a Jira issue.`
      : 'Nothing to send: the board has no action items yet.';
  }
  const parts = [
    created > 0 ? `Created ${created}: ${keyed(answer.created ?? [])}.` : 'Created 0.',
  ];
  if (adopted > 0) parts.push(`Found ${adopted} already in Jira: ${keyed(answer.adopted ?? [])}.`);
  if (failed.length > 0)
    parts.push(
      `${failed.length} refused: ${failed.map((f) => `${named(f)} (${f.message})`).join('; ')}.`,
    );
  if (linked > 0)
    parts.push(`${items(linked)} already linked ${linked === 1 ? 'was' : 'were'} skipped.`);
  return parts.join(' ');
}

/**
 * What a push that stopped early (502/503) had already done, so the dialog can name those items
 * too; null when the refusal carries no item (nothing was sent).
 */
export function partialJiraAnswer(body: unknown): JiraAnswer | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as JiraAnswer;
  const n = (b.created?.length ?? 0) + (b.adopted?.length ?? 0) + (b.failed?.length ?? 0);
  if (n === 0) return null;
  return {
    dryRun: false,
    created: b.created ?? [],
    adopted: b.adopted ?? [],
    failed: b.failed ?? [],
    alreadyLinked: b.alreadyLinked ?? 0,
  };
}
