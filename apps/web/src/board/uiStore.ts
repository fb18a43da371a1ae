/**
 * Local, per-person UI state for one open board (which tab is showing, whether the diagram has
 * the full width). Created per board so two
 * boards never share tabs; shared data stays in the Y.Doc and is never copied here.
 */
import { createContext } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type DiagramTab = 'whys' | 'fishbone' | 'rules' | 'notes';
export type SideTab = 'rootCause' | 'actions' | 'snapshots';

export interface BoardUiState {
  readonly diagramTab: DiagramTab;
  readonly sideTab: SideTab;
  /** Side columns collapsed so the diagram gets the whole width. */
  readonly focusDiagram: boolean;
  readonly setDiagramTab: (tab: DiagramTab) => void;
  readonly setSideTab: (tab: SideTab) => void;
  readonly toggleFocusDiagram: () => void;
}

export type BoardUiStore = StoreApi<BoardUiState>;

export function createBoardUiStore(): BoardUiStore {
  return createStore<BoardUiState>()((set) => ({
    diagramTab: 'whys',
    sideTab: 'actions',
    focusDiagram: false,
    setDiagramTab: (diagramTab) => set({ diagramTab }),
    setSideTab: (sideTab) => set({ sideTab }),
    toggleFocusDiagram: () => set((s) => ({ focusDiagram: !s.focusDiagram })),
  }));
}

export const BoardUiContext = createContext<BoardUiStore | null>(null);
