import { type FormEvent, memo, useEffect, useRef, useState } from 'react';
import { ApiError, type JiraAnswer, pushToJira } from '../api.ts';
import { useBoard } from '../board/BoardContext.tsx';
import {
  type JiraSettings,
  loadJiraSettings,
  parseAssignees,
  saveJiraSettings,
} from './jiraSettings.ts';
import { jiraResultText, partialJiraAnswer } from './resultText.ts';

/** Sends the board's action items to Jira through the relay, after an optional dry run. */
export const JiraDialog = memo(function JiraDialog({ onClose }: { readonly onClose: () => void }) {
  const { room } = useBoard();
  const dialog = useRef<HTMLDialogElement>(null);
  const [s, setS] = useState<JiraSettings>(loadJiraSettings);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<JiraAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const send = async (dryRun: boolean) => {
    const owners = parseAssignees(s.assignees);
    if (owners.bad.length > 0) {
      setError(`Owner mapping lines need owner=Jira user: ${owners.bad.join(', ')}`);
      return;
    }
    setBusy(true);
    setError(null);
    setAnswer(null);
    saveJiraSettings(s);
    try {
      setAnswer(
        await pushToJira(room, {
          baseUrl: s.baseUrl.trim(),
          projectKey: s.projectKey.trim().toUpperCase(),
          issueType: s.issueType.trim(),
          apiVersion: s.apiVersion,
          dryRun,
          ...(Object.keys(owners.map).length > 0 ? { assignees: owners.map } : {}),
          ...(dryRun
            ? {}
            : { auth: { token, ...(s.email.trim() ? { email: s.email.trim() } : {}) } }),
        }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : 'The push failed.');
      // A push that stopped midway still names what it created or Jira refused before that.
      if (err instanceof ApiError) setAnswer(partialJiraAnswer(err.body));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };
  const set = <K extends keyof JiraSettings>(k: K, v: JiraSettings[K]) =>
    setS((prev) => ({ ...prev, [k]: v }));

  return (
    <dialog ref={dialog} className="dialog jira-dialog" data-testid="jira-dialog" onClose={onClose}>
      <form className="form-grid" onSubmit={onSubmit}>
        <h2>Create action items in Jira</h2>
        <p className="muted">
          Items that already have a Jira key are skipped, so sending twice never duplicates an
          issue.
        </p>
        <label className="field">
          <span>Jira URL</span>
          <input
            required
            type="url"
            value={s.baseUrl}
            onChange={(e) => set('baseUrl', e.target.value)}
            placeholder="https://acme.atlassian.net"
          />
        </label>
        <div className="form-row">
          <label className="field">
            <span>Project key</span>
            <input
              required
              pattern="[A-Za-z][A-Za-z0-9_]*"
              title="Jira project keys are letters, digits and _, starting with a letter, e.g. SEC (sent upper-case)"
              value={s.projectKey}
              onChange={(e) => set('projectKey', e.target.value)}
              placeholder="SEC"
            />
          </label>
          <label className="field">
            <span>Issue type</span>
            <input
              required
              value={s.issueType}
              onChange={(e) => set('issueType', e.target.value)}
            />
          </label>
        </div>
        <div className="form-row">
          <label className="field">
            <span>Jira</span>
            <select
              value={s.apiVersion}
              onChange={(e) => set('apiVersion', e.target.value === '2' ? 2 : 3)}
            >
              <option value={3}>Cloud (REST v3)</option>
              <option value={2}>Server / Data Center (REST v2)</option>
            </select>
          </label>
          <label className="field">
            <span>Email (Cloud)</span>
            <input
              type="email"
              value={s.email}
              onChange={(e) => set('email', e.target.value)}
              placeholder="empty for a Server/DC token"
            />
          </label>
        </div>
        <label className="field">
          <span>Assignees (owner=Jira user, one per line)</span>
          <textarea
            rows={2}
            value={s.assignees}
            onChange={(e) => set('assignees', e.target.value)}
            placeholder={
              s.apiVersion === 3
                ? 'alice=712020:0b5d… (Cloud needs the accountId)'
                : 'alice=asmith (Jira username)'
            }
          />
        </label>
        <label className="field">
          <span>API token (not stored)</span>
          <input
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {answer?.dryRun && (
          <div data-testid="jira-preview">
            <p>
              {answer.batches?.length ?? 0} request(s) to <code>{answer.endpoint}</code>
              {answer.alreadyLinked ? `; ${answer.alreadyLinked} item(s) already in Jira` : ''}:
            </p>
            {/* Per item what happens to its owner, so a left-out assignee is never silent. */}
            <ul data-testid="jira-preview-items">
              {answer.items?.map((i) => (
                <li key={i.actionId}>
                  <strong>{i.title || 'Action item'}</strong>: {i.assignee ?? 'no owner'}
                </li>
              ))}
            </ul>
            <pre className="json-preview">{JSON.stringify(answer.batches, null, 2)}</pre>
          </div>
        )}
        {answer && !answer.dryRun && (
          <p data-testid="jira-result" role="status">
            {jiraResultText(answer)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
          <button
            type="button"
            disabled={busy || !s.baseUrl || !s.projectKey}
            onClick={() => void send(true)}
            data-testid="jira-dry-run"
          >
            Preview (dry run)
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || !token}
            data-testid="jira-send"
          >
            {busy ? 'Sending…' : 'Create issues'}
          </button>
        </div>
      </form>
    </dialog>
  );
});
