import { describe, expect, it } from 'vitest';
import { jiraIssueUrl, parseAssignees } from './jiraSettings.ts';

describe('jiraIssueUrl', () => {
  it('links a key under a Cloud site or a Server context path', () => {
    expect(jiraIssueUrl('https://acme.atlassian.net', 'SEC-12')).toBe(
      'https://acme.atlassian.net/browse/SEC-12',
    );
    expect(jiraIssueUrl(' https://jira.acme.test/jira/ ', 'SEC-12')).toBe(
      'https://jira.acme.test/jira/browse/SEC-12',
    );
  });

  it('gives no link for an empty, non-http or credential-carrying base', () => {
    expect(jiraIssueUrl('', 'SEC-12')).toBeNull();
    expect(jiraIssueUrl('javascript:alert(1)', 'SEC-12')).toBeNull();
    expect(jiraIssueUrl('https://user:pw@jira.acme.test', 'SEC-12')).toBeNull();
  });

  it('drops a query or fragment from the base', () => {
    expect(jiraIssueUrl('https://jira.acme.test/?x=1#y', 'OPS-7')).toBe(
      'https://jira.acme.test/browse/OPS-7',
    );
  });
});

describe('parseAssignees', () => {
  it('reads owner=user lines and returns the malformed ones instead of dropping them', () => {
    expect(parseAssignees(' alice = 712020:abc \n\nbob=bsmith\r\ncarol\n=x\n')).toEqual({
      map: { alice: '712020:abc', bob: 'bsmith' },
      bad: ['carol', '=x'],
    });
  });
});
