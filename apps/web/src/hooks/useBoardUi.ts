import { useContext } from 'react';
import { useStore } from 'zustand';
import { BoardUiContext, type BoardUiState } from '../board/uiStore.ts';

/** A slice of this board's local UI state; pass a module-scope selector. */
export function useBoardUi<T>(selector: (s: BoardUiState) => T): T {
  const store = useContext(BoardUiContext);
  if (!store) throw new Error('useBoardUi() outside the board page');
  return useStore(store, selector);
}
