import { type ComponentType, memo } from 'react';
import type { BoardUiState, DiagramTab } from '../board/uiStore.ts';
import { FishboneDiagram } from '../diagrams/fishbone/FishboneDiagram.tsx';
import { WhysDiagram } from '../diagrams/whys/WhysDiagram.tsx';
import { useBoardUi } from '../hooks/useBoardUi.ts';
import { NotesPanel } from '../report/NotesPanel.tsx';
import { DetectionRulesPanel } from '../sigma/DetectionRulesPanel.tsx';

const selectTab = (s: BoardUiState) => s.diagramTab;
const selectSetTab = (s: BoardUiState) => s.setDiagramTab;
const selectFocus = (s: BoardUiState) => s.focusDiagram;
const selectToggleFocus = (s: BoardUiState) => s.toggleFocusDiagram;

const TABS: readonly { readonly id: DiagramTab; readonly label: string }[] = [
  { id: 'whys', label: '5 Whys' },
  { id: 'fishbone', label: 'Fishbone' },
  { id: 'rules', label: 'Detection rules' },
  { id: 'notes', label: 'Summary & minutes' },
];

const PANELS: Record<DiagramTab, ComponentType> = {
  whys: WhysDiagram,
  fishbone: FishboneDiagram,
  rules: DetectionRulesPanel,
  notes: NotesPanel,
};

/**
 * The diagrams, the Sigma rules and the notes as tabs; only the visible one is mounted, so React Flow
 * measures it for real.
 */
export const DiagramArea = memo(function DiagramArea() {
  const tab = useBoardUi(selectTab);
  const setTab = useBoardUi(selectSetTab);
  const Panel = PANELS[tab];
  const focus = useBoardUi(selectFocus);
  const toggleFocus = useBoardUi(selectToggleFocus);
  return (
    <section className="diagrams">
      <div className="tabs" role="tablist" aria-label="Diagrams">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="diagram-panel"
            data-testid={`tab-${t.id}`}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
        <button
          type="button"
          className={focus ? 'focus-toggle pressed' : 'focus-toggle'}
          data-testid="focus-diagram"
          aria-pressed={focus}
          title={
            focus
              ? 'Bring back the timeline, metrics and action panels'
              : 'Hide the side panels so the diagram gets the full width'
          }
          aria-label="Focus diagram"
          onClick={toggleFocus}
        >
          Focus<span className="focus-toggle-more"> diagram</span>
        </button>
      </div>
      <div
        className="diagram-panel"
        id="diagram-panel"
        role="tabpanel"
        aria-labelledby={`tab-${tab}`}
      >
        <Panel />
      </div>
    </section>
  );
});
