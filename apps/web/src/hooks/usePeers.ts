import { useSyncExternalStore } from 'react';
import { type AwarenessView, awarenessStore } from '../board/awarenessStore.ts';
import { useBoard } from '../board/BoardContext.tsx';
import { type Peer, readPeers } from '../board/presence.ts';

// Cursors are part of Peer, so any state change is a change here; awareness only emits 'change'
// (not the 15 s keep-alive 'update'), so this does not churn while everyone is idle.
const PEERS: AwarenessView<readonly Peer[]> = {
  read: readPeers,
  same: (a, b) => a.length === 0 && b.length === 0,
};

/** The other people on this board (yourself excluded), ordered by client id. */
export function usePeers(): readonly Peer[] {
  const { awareness } = useBoard();
  const store = awarenessStore(awareness, PEERS);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
