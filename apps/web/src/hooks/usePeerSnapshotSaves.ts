import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceState } from '../board/presence.ts';

/**
 * Calls `onSave` when another page on this board announces a saved snapshot. Snapshots live in
 * the relay's store, not the doc, so the doc can't carry the news; awareness already reaches
 * every open page within milliseconds and needs no relay change or doc write.
 */
export function usePeerSnapshotSaves(awareness: Awareness, onSave: () => void): void {
  useEffect(() => {
    const seen = new Map<number, number>();
    const onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
      let saved = false;
      for (const id of [...added, ...updated]) {
        if (id === awareness.clientID) continue;
        const state = awareness.getStates().get(id) as Partial<PresenceState> | undefined;
        const version = state?.snapshotsVersion;
        if (typeof version !== 'number' || seen.get(id) === version) continue;
        seen.set(id, version);
        saved = true;
      }
      if (saved) onSave();
    };
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness, onSave]);
}
