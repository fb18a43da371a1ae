import { describe, expect, it } from 'vitest';
import { jiraResultText, partialJiraAnswer } from './resultText.ts';

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

  it('names created, adopted and refused items by title, with their keys', () => {
    expect(
      jiraResultText({
        dryRun: false,
        created: [
          { actionId: 'a', title: 'Disable RC4', key: 'SEC-1' },
          { actionId: 'b', title: 'Alert on TGS', key: 'SEC-2' },
        ],
        adopted: [{ actionId: 'c', title: 'Rotate krbtgt', key: 'SEC-3' }],
        failed: [
          { actionId: 'd', title: 'Audit SPNs', message: 'summary: refused' },
          { actionId: 'e', title: 'Train staff', message: 'priority: invalid' },
        ],
        alreadyLinked: 1,
      }),
    ).toBe(
      'Created 2: "Disable RC4" → SEC-1, "Alert on TGS" → SEC-2. ' +
        'Found 1 already in Jira: "Rotate krbtgt" → SEC-3. ' +
        '2 refused: "Audit SPNs" (summary: refused); "Train staff" (priority: invalid). ' +
        '1 action item already linked was skipped.',
    );
  });

  it('says "Created 0." when every item was refused', () => {
    expect(
      jiraResultText({
        dryRun: false,
        created: [],
        failed: [{ actionId: 'd', title: 'Audit SPNs', message: 'summary: refused' }],
      }),
    ).toBe('Created 0. 1 refused: "Audit SPNs" (summary: refused).');
  });
});

describe('partialJiraAnswer', () => {
  it('keeps what a stopped push already did, so those items are named too', () => {
    const body = {
      error: 'jira-rate-limited',
      message: 'Jira is rate limiting (429)',
      created: [{ actionId: 'a', title: 'Disable RC4', key: 'SEC-1' }],
      failed: [],
      alreadyLinked: 0,
    };
    const partial = partialJiraAnswer(body);
    expect(partial && jiraResultText(partial)).toBe('Created 1: "Disable RC4" → SEC-1.');
    expect(partialJiraAnswer({ error: 'jira-auth-failed', created: [] })).toBeNull();
    expect(partialJiraAnswer(null)).toBeNull();
  });
});
