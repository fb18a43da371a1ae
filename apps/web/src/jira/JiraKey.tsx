import { memo } from 'react';
import { jiraIssueUrl, loadJiraSettings } from './jiraSettings.ts';

/**
 * The Jira issue a push created for an action item: a link when this browser knows the Jira URL
 * (it sent a push from here), else the key as text, which still finds the issue in Jira search.
 */
export const JiraKey = memo(function JiraKey({ issueKey }: { readonly issueKey: string }) {
  const href = jiraIssueUrl(loadJiraSettings().baseUrl, issueKey);
  return (
    <p className="jira-key" data-testid="action-jira-key">
      <span className="jira-key-label">Jira</span>{' '}
      {href ? (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {issueKey}
        </a>
      ) : (
        <span className="mono">{issueKey}</span>
      )}
    </p>
  );
});
