import { describe, expect, it } from 'vitest';
import { jiraResultText } from './resultText.ts';

describe('jiraResultText', () => {
  it('says every item is already linked instead of "Created 0."', () => {
    const text = jiraResultText({
      dryRun: false,
      created: [],
      adopted: [],
      failed: [],
      alreadyLinked: 3,
    });
    expect(text).toBe('Nothing to send: all 3 action items are already linked to a Jira issue.');
    expect(jiraResultText({ dryRun: false, created: [], alreadyLinked: 0 })).toBe(
      'Nothing to send: the board has no action items yet.',
    );
  });

  it('counts created, adopted, refused and skipped items', () => {
    expect(
      jiraResultText({
        dryRun: false,
        created: [
          { actionId: 'a', key: 'SEC-1' },
          { actionId: 'b', key: 'SEC-2' },
        ],
        adopted: [{ actionId: 'c', key: 'SEC-3' }],
        failed: [{ actionId: 'd', message: 'priority: invalid' }],
        alreadyLinked: 1,
      }),
    ).toBe(
      'Created 2, found 1 already in Jira, 1 refused: priority: invalid. 1 action item already linked was skipped.',
    );
  });
});
