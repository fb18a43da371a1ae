import { memo } from 'react';
import { type LinkStatus, useConnectionStatus } from '../hooks/useConnectionStatus.ts';

const LABEL: Record<LinkStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline',
  closed: 'Disconnected',
};

/** Small always-visible link indicator; the banner below the header explains offline states. */
export const ConnectionBadge = memo(function ConnectionBadge() {
  const status = useConnectionStatus();
  return (
    <span
      className={`status status-${status}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      aria-live="polite"
    >
      <span className="dot" aria-hidden />
      {LABEL[status]}
    </span>
  );
});
