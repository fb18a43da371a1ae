import { memo } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { finalCloseOf, useConnectionStatus } from '../hooks/useConnectionStatus.ts';

/**
 * Says plainly when edits are not reaching anyone: at 2 a.m. a responder must not believe the
 * team sees what they type. Edits made offline stay in the doc and sync on reconnect.
 */
export const ConnectionBanner = memo(function ConnectionBanner() {
  const status = useConnectionStatus();
  const { provider } = useBoard();
  if (status === 'offline') {
    return (
      <div className="banner banner-offline" role="alert" data-testid="offline-banner">
        You are offline. Your edits are kept on this page and will sync when the connection returns;
        others cannot see them yet. Reconnecting…
      </div>
    );
  }
  if (status === 'closed' && finalCloseOf(provider)?.reason === 'invite revoked') {
    return (
      <div className="banner banner-closed" role="alert" data-testid="offline-banner">
        Your invite was revoked: this tab no longer has access to the board and edits here are not
        saved. Ask the facilitator for a new link. <a href="/">Back to start</a>
      </div>
    );
  }
  if (status === 'closed') {
    return (
      <div className="banner banner-closed" role="alert" data-testid="offline-banner">
        The relay closed this board (it may not exist or you may not have access). Edits here are
        not being saved. <a href="/">Back to start</a>
      </div>
    );
  }
  return null;
});
