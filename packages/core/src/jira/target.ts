/**
 * Checks on where a push goes, shared by the relay route and the CLI so both refuse the same
 * things in the same words: a base URL that would send the token in clear or carry credentials,
 * and a project key Jira cannot have.
 */

export type CheckedBaseUrl =
  | { readonly ok: true; readonly base: string }
  | { readonly ok: false; readonly reason: string };

/**
 * The base URL without a trailing slash, or why it is refused: not a URL, plain http unless
 * `allowHttp` (CAUSEWAY_JIRA_ALLOW_HTTP=1, for labs and tests), or credentials in the URL. The
 * refusal never repeats the URL, which may hold a password.
 */
export function checkJiraBaseUrl(raw: string, allowHttp: boolean): CheckedBaseUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      reason: 'the Jira base URL is not a URL (e.g. https://acme.atlassian.net)',
    };
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
    return {
      ok: false,
      reason:
        'the Jira URL must use https, so the API token is not sent in clear (set CAUSEWAY_JIRA_ALLOW_HTTP=1 to allow http)',
    };
  }
  if (url.username || url.password)
    return { ok: false, reason: 'put credentials in auth, not in the URL' };
  return { ok: true, base: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;

export type CheckedProjectKey =
  | { readonly ok: true; readonly key: string }
  | { readonly ok: false; readonly reason: string };

/** The project key upper-cased (Jira keys are upper-case, "sec" means SEC), or why it cannot be one. */
export function normaliseProjectKey(raw: string): CheckedProjectKey {
  const key = raw.trim().toUpperCase();
  if (PROJECT_KEY.test(key)) return { ok: true, key };
  return {
    ok: false,
    reason: `Jira project keys are upper-case letters, digits and _, starting with a letter (e.g. SEC); "${raw.slice(0, 60)}" is not one`,
  };
}
