/**
 * Local, per-person UI state for one open board (which tab is showing). Created per board so two
 * boards never share tabs; shared data stays in the Y.Doc and is never copied here.
 */
import { createContext } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type DiagramTab = 'whys' | 'fishbone' | 'rules' | 'notes';
export type SideTab = 'rootCause' | 'actions' | 'snapshots';

export interface BoardUiState {
  readonly diagramTab: DiagramTab;
  readonly sideTab: SideTab;
  readonly setDiagramTab: (tab: DiagramTab) => void;
  readonly setSideTab: (tab: SideTab) => void;
}

export type BoardUiStore = StoreApi<BoardUiState>;

export function createBoardUiStore(): BoardUiStore {
  return createStore<BoardUiState>()((set) => ({
    diagramTab: 'whys',
    sideTab: 'actions',
    setDiagramTab: (diagramTab) => set({ diagramTab }),
    setSideTab: (sideTab) => set({ sideTab }),
  }));
}

export const BoardUiContext = createContext<BoardUiStore | null>(null);
