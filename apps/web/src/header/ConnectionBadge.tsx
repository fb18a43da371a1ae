import { memo } from 'react';
import { type LinkStatus, useConnectionStatus } from '../hooks/useConnectionStatus.ts';
import { useFirstSync } from '../hooks/useFirstSync.ts';

const LABEL: Record<LinkStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline',
  closed: 'Disconnected',
};

/** Small always-visible link indicator; the banner below the header explains offline states. */
export const ConnectionBadge = memo(function ConnectionBadge() {
  const status = useConnectionStatus();
  // Connected is not yet loaded: a big board takes a while to arrive.
  const synced = useFirstSync();
  const loading = status === 'connected' && !synced;
  return (
    <span
      className={`status status-${status}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      aria-live="polite"
    >
      <span className="dot" aria-hidden />
      {loading ? 'Loading…' : LABEL[status]}
    </span>
  );
});
