/** What a finished Jira push did, in one sentence for the dialog's status line. */
import type { JiraAnswer } from '../api.ts';

const items = (n: number) => `${n} action item${n === 1 ? '' : 's'}`;

/** "Created 2, found 1 already in Jira.", or why nothing was sent ("Created 0." says nothing). */
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
  const parts = [`Created ${created}`];
  if (adopted > 0) parts.push(`found ${adopted} already in Jira`);
  if (failed.length > 0)
    parts.push(`${failed.length} refused: ${failed.map((f) => f.message).join('; ')}`);
  const skipped =
    linked > 0 ? ` ${items(linked)} already linked ${linked === 1 ? 'was' : 'were'} skipped.` : '';
  return `${parts.join(', ')}.${skipped}`;
}
