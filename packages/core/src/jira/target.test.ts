import { describe, expect, it } from 'vitest';
import { checkJiraBaseUrl, normaliseProjectKey } from './target.ts';

describe('checkJiraBaseUrl', () => {
  it('takes https, and http only when allowed', () => {
    expect(checkJiraBaseUrl('https://acme.atlassian.net/', false)).toEqual({
      ok: true,
      base: 'https://acme.atlassian.net',
    });
    expect(checkJiraBaseUrl('http://jira.lab:8080/jira', false)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('must use https'),
    });
    expect(checkJiraBaseUrl('http://jira.lab:8080/jira', true)).toEqual({
      ok: true,
      base: 'http://jira.lab:8080/jira',
    });
  });

  it('refuses credentials in the URL without repeating them', () => {
    const r = checkJiraBaseUrl('https://bob:hunter2@acme.atlassian.net', false);
    expect(r).toMatchObject({ ok: false });
    expect(JSON.stringify(r)).not.toContain('hunter2');
    expect(checkJiraBaseUrl('not a url', false)).toMatchObject({ ok: false });
  });
});

describe('normaliseProjectKey', () => {
  it('upper-cases a key and explains one Jira cannot have', () => {
    expect(normaliseProjectKey(' sec ')).toEqual({ ok: true, key: 'SEC' });
    expect(normaliseProjectKey('SEC_2')).toEqual({ ok: true, key: 'SEC_2' });
    expect(normaliseProjectKey('9-bad')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Jira project keys are upper-case letters/),
    });
  });
});
