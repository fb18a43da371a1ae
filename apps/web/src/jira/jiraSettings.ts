/** The Jira dialog's remembered settings (per browser), and links to the issues a push created. */

const SETTINGS_KEY = 'causeway.jira';

export interface JiraSettings {
  baseUrl: string;
  email: string;
  projectKey: string;
  issueType: string;
  apiVersion: 2 | 3;
  /** Owner mapping as typed, one "owner=jira user" per line (the CLI's --assignee pairs). */
  assignees: string;
}

export const JIRA_DEFAULTS: JiraSettings = {
  baseUrl: '',
  email: '',
  projectKey: '',
  issueType: 'Task',
  apiVersion: 3,
  assignees: '',
};

/**
 * "owner=user" lines as the relay's assignees map; a line without "=" (or with nothing before it)
 * is returned in `bad` so the dialog can say which one instead of dropping it.
 */
export function parseAssignees(text: string): { map: Record<string, string>; bad: string[] } {
  const map: Record<string, string> = {};
  const bad: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const i = line.indexOf('=');
    const owner = line.slice(0, i).trim();
    const user = line.slice(i + 1).trim();
    if (i <= 0 || owner === '' || user === '') bad.push(line);
    else map[owner] = user;
  }
  return { map, bad };
}

// Everything but the token is remembered per browser; the token lives only in the dialog.
/** The settings this browser last sent with, or the defaults. */
export function loadJiraSettings(): JiraSettings {
  try {
    return {
      ...JIRA_DEFAULTS,
      ...(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<JiraSettings>),
    };
  } catch {
    return JIRA_DEFAULTS;
  }
}

/** Remembers the settings (never the token) for the next push and for issue links. */
export function saveJiraSettings(s: JiraSettings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));
}

/**
 * The issue's page under a Jira base URL (Cloud, or Server with a context path), or null when
 * the base is not an http(s) URL: a stored value is never trusted into a link as-is.
 */
export function jiraIssueUrl(baseUrl: string, key: string): string | null {
  let base: URL;
  try {
    base = new URL(baseUrl.trim());
  } catch {
    return null;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return null;
  if (base.username || base.password) return null;
  const path = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${path}/browse/${encodeURIComponent(key)}`;
}
