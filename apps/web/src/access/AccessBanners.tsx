import { memo } from 'react';
import type { BoardAccess } from '../api.ts';
import { useUnsaved } from '../hooks/useUnsaved.ts';

/** Says plainly who can reach this board, whether this tab may edit, and unsaved edits. */
export const AccessBanners = memo(function AccessBanners({
  access,
}: {
  access: BoardAccess | null;
}) {
  const unsaved = useUnsaved();
  return (
    <>
      {unsaved && (
        <div className="banner banner-closed" role="alert" data-testid="unsaved-banner">
          Not saved: the relay could not store your latest edits. They are kept in this tab and will
          be sent again when it recovers; do not close this tab.
        </div>
      )}
      {access?.auth === 'off' && (
        <div className="banner banner-open" role="note" data-testid="open-access-banner">
          Open access: anyone who can reach this machine can edit. Set CAUSEWAY_SECRET to require
          invite links.
        </div>
      )}
      {access?.role === 'viewer' && (
        <div className="banner banner-readonly" role="note" data-testid="readonly-banner">
          Read-only: your invite lets you watch this board, not change it.
        </div>
      )}
    </>
  );
});
