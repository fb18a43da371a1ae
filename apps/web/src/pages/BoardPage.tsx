import { useState } from 'react';
import { AccessBanners } from '../access/AccessBanners.tsx';
import { ShareDialog } from '../access/ShareDialog.tsx';
import { BoardUiContext, type BoardUiState, createBoardUiStore } from '../board/uiStore.ts';
import { BoardHeader } from '../header/BoardHeader.tsx';
import { ConnectionBanner } from '../header/ConnectionBanner.tsx';
import { PresenceBar } from '../header/PresenceBar.tsx';
import { useAccess } from '../hooks/useAccess.ts';
import { useBoardUi } from '../hooks/useBoardUi.ts';
import { MetricsPanel } from '../metrics/MetricsPanel.tsx';
import { PlaybookUpdatesPanel } from '../playbooks/PlaybookUpdatesPanel.tsx';
import { ActionItemsPanel } from '../rca/ActionItemsPanel.tsx';
import { RootCausePanel } from '../rca/RootCausePanel.tsx';
import { SnapshotsPanel } from '../rca/SnapshotsPanel.tsx';
import { OutputsPanel } from '../report/OutputsPanel.tsx';
import { AgendaPanel } from '../templates/AgendaPanel.tsx';
import { TimelinePanel } from '../timeline/TimelinePanel.tsx';
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
  return (
    <BoardUiContext.Provider value={uiStore}>
      <div className="board">
        <BoardHeader />
        <PresenceBar />
        <ConnectionBanner />
        <AccessBanners access={access} />
        {access?.auth === 'on' && access.role === 'facilitator' && (
          <button
            type="button"
            className="share-invite"
            data-testid="open-share"
            onClick={() => setSharing(true)}
          >
            Share / invite
          </button>
        )}
        {sharing && <ShareDialog onClose={() => setSharing(false)} />}
        <BoardBody readOnly={access?.role === 'viewer'} />
      </div>
    </BoardUiContext.Provider>
  );
}

/**
 * The three columns. In focus mode the side columns are hidden, not unmounted, so a half-typed
 * action title or timeline edit survives a trip to the full-width diagram. A disabled fieldset
 * turns off every input and button inside for viewers (the relay refuses their edits anyway).
 */
function BoardBody({ readOnly }: { readOnly: boolean }) {
  const focus = useBoardUi(selectFocus);
  return (
    <fieldset
      className={focus ? 'board-body focus-diagram' : 'board-body'}
      disabled={readOnly}
      data-readonly={readOnly}
    >
      <aside className="col col-left" aria-label="Timeline and metrics">
        <MetricsPanel />
        <TimelinePanel />
      </aside>
      <main className="col col-main">
        <DiagramArea />
      </main>
      <aside className="col col-right" aria-label="Root cause, action items and snapshots">
        <AgendaPanel />
        <RootCausePanel />
        <ActionItemsPanel />
        <PlaybookUpdatesPanel />
        <OutputsPanel />
        <SnapshotsPanel />
      </aside>
    </fieldset>
  );
}
