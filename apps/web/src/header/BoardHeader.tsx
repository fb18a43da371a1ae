import { SEVERITIES, type Severity, updateMeta } from '@causeway/core';
import { memo, useCallback, useEffect, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { useEditing } from '../hooks/useEditing.ts';
import { useFirstSync } from '../hooks/useFirstSync.ts';
import { useMeta } from '../hooks/useMeta.ts';
import { useReadOnly } from '../hooks/useReadOnly.ts';
import { ReportButton } from '../report/ReportButton.tsx';
import { CommitField } from '../ui/CommitField.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';

const ShareButton = memo(function ShareButton() {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const onClick = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('yes');
    } catch {
      // Clipboard needs a secure context or permission; the URL bar still has the link.
      setCopied('failed');
    }
  };
  return (
    <button
      type="button"
      data-testid="copy-share-url"
      onClick={onClick}
      title={window.location.href}
    >
      {copied === 'yes'
        ? 'Link copied'
        : copied === 'failed'
          ? 'Copy the URL bar'
          : 'Copy share link'}
    </button>
  );
});

/** Title, incident id and severity (shared; read-only for viewers), link state and sharing. */
export const BoardHeader = memo(function BoardHeader({
  onInvite,
}: {
  /** Opens the share dialog; given only to facilitators when auth is on. */
  readonly onInvite?: () => void;
}) {
  const { doc } = useBoard();
  const meta = useMeta();
  const loaded = useFirstSync();
  const readOnly = useReadOnly();
  const titlePresence = useEditing('meta', 'board', 'title');
  const incidentPresence = useEditing('meta', 'board', 'incidentId');
  const onTitle = useCallback(
    (next: string) => {
      if (!next.trim()) return 'The board needs a title.';
      updateMeta(doc, { title: next.trim() });
      return null;
    },
    [doc],
  );
  const onIncident = useCallback(
    (next: string) => {
      updateMeta(doc, { incidentId: next.trim() });
      return null;
    },
    [doc],
  );
  useEffect(() => {
    document.title = meta.title ? `${meta.title} · Causeway` : 'Causeway';
  }, [meta.title]);

  return (
    <header className="board-header">
      <a className="brand" href="/" aria-label="Causeway home">
        Causeway
      </a>
      <div className="header-title" title={meta.title}>
        <CommitField
          value={meta.title}
          onCommit={onTitle}
          label="Board title"
          placeholder={loaded ? 'Untitled review' : 'Loading…'}
          className="title-input"
          testId="board-title"
          readOnly={readOnly}
          onFocus={titlePresence.onFocus}
          onBlur={titlePresence.onBlur}
        />
      </div>
      <div className="header-meta">
        <CommitField
          value={meta.incidentId}
          onCommit={onIncident}
          label="Incident id"
          placeholder="Incident id"
          className="incident-input mono"
          testId="incident-id"
          readOnly={readOnly}
          onFocus={incidentPresence.onFocus}
          onBlur={incidentPresence.onBlur}
        />
        <select
          aria-label="Severity"
          data-testid="severity"
          className={`severity sev-${meta.severity.toLowerCase()}`}
          value={meta.severity}
          disabled={readOnly}
          onChange={(e) => updateMeta(doc, { severity: e.target.value as Severity })}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <ConnectionBadge />
        <ReportButton />
        <ShareButton />
        {onInvite && (
          <button
            type="button"
            className="share-invite"
            data-testid="open-share"
            onClick={onInvite}
          >
            Share / invite
          </button>
        )}
      </div>
    </header>
  );
});
