import { type FormEvent, memo, useCallback, useEffect, useState } from 'react';
import { ApiError, type InviteInfo, listInvites, mintInvite, revokeInvite } from '../api.ts';
import { useBoard } from '../board/BoardContext.tsx';

const ROLES = ['editor', 'viewer', 'facilitator'] as const;

/** Copies a freshly minted link; says so, or says to copy by hand when the clipboard refuses. */
function CopyLink({ link }: { link: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const onClick = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <button type="button" data-testid="invite-copy" onClick={onClick}>
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select and copy it' : 'Copy'}
    </button>
  );
}

/** Facilitators mint invite links (role, name, expiry), see the active ones and revoke them. */
export const ShareDialog = memo(function ShareDialog({ onClose }: { onClose: () => void }) {
  const { room } = useBoard();
  const [invites, setInvites] = useState<readonly InviteInfo[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('editor');
  const [hours, setHours] = useState(168);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setInvites((await listInvites(room)).filter((i) => i.active));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load invites.');
    }
  }, [room]);
  useEffect(() => void refresh(), [refresh]);

  const onMint = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Name the person this link is for.');
    try {
      setLink(await mintInvite(room, role, name.trim(), hours));
      setError(null);
      setName('');
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not create the link.');
    }
  };
  const onRevoke = async (id: string) => {
    try {
      await revokeInvite(room, id);
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not revoke.');
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="share-h"
        data-testid="share-dialog"
      >
        <h2 id="share-h">Share / invite</h2>
        <p className="muted" data-testid="keep-facilitator-link">
          Your own facilitator access lives only in this browser tab. Before closing it, create a
          facilitator link for yourself (or a co-facilitator) and keep it somewhere safe.
        </p>
        <form className="inline-form" onSubmit={onMint}>
          <input
            aria-label="Invitee name"
            placeholder="Name"
            value={name}
            data-testid="invite-name"
            onChange={(e) => setName(e.target.value)}
          />
          <select
            aria-label="Role"
            value={role}
            data-testid="invite-role"
            onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <select
            aria-label="Expires"
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
          >
            <option value={24}>1 day</option>
            <option value={168}>7 days</option>
            <option value={720}>30 days</option>
          </select>
          <button type="submit" className="primary" data-testid="invite-create">
            Create link
          </button>
        </form>
        {link && (
          <p className="invite-link">
            Send this link privately (it works until it expires or you revoke it):
            <input
              readOnly
              value={link}
              data-testid="invite-link"
              onFocus={(e) => e.target.select()}
            />
            <CopyLink key={link} link={link} />
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <h3>Active links</h3>
        <ul className="invite-list" data-testid="invite-list">
          {invites.length === 0 && <li className="muted">No active links.</li>}
          {invites.map((i) => (
            <li key={i.id} data-testid="invite">
              <span>{i.subject}</span>{' '}
              <span className="muted">
                {i.role}, until {new Date(i.expiresAt).toLocaleString()}
              </span>{' '}
              <button type="button" onClick={() => void onRevoke(i.id)} data-testid="invite-revoke">
                Revoke
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
});
