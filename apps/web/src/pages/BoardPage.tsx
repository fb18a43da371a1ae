import { useState } from 'react';
import { AccessBanners } from '../access/AccessBanners.tsx';
import { ShareDialog } from '../access/ShareDialog.tsx';
import { BoardUiContext, type BoardUiState, createBoardUiStore } from '../board/uiStore.ts';
import { BoardHeader } from '../header/BoardHeader.tsx';
import { ConnectionBanner } from '../header/ConnectionBanner.tsx';
import { PresenceBar } from '../header/PresenceBar.tsx';
import { useAccess } from '../hooks/useAccess.ts';
import { useBoardUi } from '../hooks/useBoardUi.ts';
import { useConnectionStatus } from '../hooks/useConnectionStatus.ts';
import { useFirstSync } from '../hooks/useFirstSync.ts';
import { ReadOnlyContext } from '../hooks/useReadOnly.ts';
import { MetricsPanel } from '../metrics/MetricsPanel.tsx';
import { PlaybookUpdatesPanel } from '../playbooks/PlaybookUpdatesPanel.tsx';
import { ActionItemsPanel } from '../rca/ActionItemsPanel.tsx';
import { RootCausePanel } from '../rca/RootCausePanel.tsx';
import { SnapshotsPanel } from '../rca/SnapshotsPanel.tsx';
import { OutputsPanel } from '../report/OutputsPanel.tsx';
import { AgendaPanel } from '../templates/AgendaPanel.tsx';
import { TimelinePanel } from '../timeline/TimelinePanel.tsx';
import { ReadOnlyScope } from '../ui/ReadOnlyScope.tsx';
import { DiagramArea } from './DiagramArea.tsx';

const selectFocus = (s: BoardUiState) => s.focusDiagram;

/**
 * The board: evidence on the left (timeline, metrics), reasoning in the middle (diagrams), outcome
 * on the right (root cause, actions, snapshots), so a reviewer never has to hunt for a panel.
 */
export function BoardPage() {
  const [uiStore] = useState(createBoardUiStore);
  const access = useAccess();
  const [sharing, setSharing] = useState(false);
  const readOnly = access?.role === 'viewer';
  // A board the relay refused (closed) will never load; its banner explains, the body stays.
  const synced = useFirstSync();
  const status = useConnectionStatus();
  const loaded = synced || status === 'closed';
  return (
    <BoardUiContext.Provider value={uiStore}>
      <ReadOnlyContext.Provider value={readOnly}>
        <div className="board">
          <BoardHeader
            {...(access?.auth === 'on' && access.role === 'facilitator'
              ? { onInvite: () => setSharing(true) }
              : {})}
          />
          <PresenceBar />
          <ConnectionBanner />
          <AccessBanners access={access} />
          {sharing && <ShareDialog onClose={() => setSharing(false)} />}
          {loaded ? (
            <BoardBody readOnly={readOnly} />
          ) : (
            // Panels mount once the board is here, so none shows an empty-board hint meanwhile.
            <div className="board-loading" role="status" data-testid="board-loading">
              Loading board…
            </div>
          )}
        </div>
      </ReadOnlyContext.Provider>
    </BoardUiContext.Provider>
  );
}

/**
 * The three columns. In focus mode the side columns are hidden, not unmounted, so a half-typed
 * action title or timeline edit survives a trip to the full-width diagram. For viewers the
 * editing controls sit in ReadOnlyScopes (the relay refuses their edits anyway) while tabs,
 * milestones, focus and zoom stay usable. The body stays a fieldset (never disabled itself): the
 * layout is tuned with its reset box (fieldset.board-body).
 */
function BoardBody({ readOnly }: { readOnly: boolean }) {
  const focus = useBoardUi(selectFocus);
  return (
    <fieldset
      className={focus ? 'board-body focus-diagram' : 'board-body'}
      data-readonly={readOnly}
    >
      <aside className="col col-left" aria-label="Timeline and metrics">
        <MetricsPanel />
        <ReadOnlyScope>
          <TimelinePanel />
        </ReadOnlyScope>
      </aside>
      <main className="col col-main">
        <DiagramArea />
      </main>
      <aside className="col col-right" aria-label="Root cause, action items and snapshots">
        <AgendaPanel />
        <ReadOnlyScope>
          <RootCausePanel />
          <ActionItemsPanel />
          <PlaybookUpdatesPanel />
          <OutputsPanel />
          <SnapshotsPanel />
        </ReadOnlyScope>
      </aside>
    </fieldset>
  );
}
