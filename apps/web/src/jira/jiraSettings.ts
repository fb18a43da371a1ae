/** The Jira dialog's remembered settings (per browser), and links to the issues a push created. */

const SETTINGS_KEY = 'causeway.jira';

export interface JiraSettings {
  baseUrl: string;
  email: string;
  projectKey: string;
  issueType: string;
  apiVersion: 2 | 3;
}

export const JIRA_DEFAULTS: JiraSettings = {
  baseUrl: '',
  email: '',
  projectKey: '',
  issueType: 'Task',
  apiVersion: 3,
};

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
