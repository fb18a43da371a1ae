/**
 * Presence hooks for the diagrams. Awareness changes many times a second (cursors), so each
 * subscriber derives a string from it: useSyncExternalStore compares strings by value and a
 * node re-renders only when what it shows (who selects or edits it) actually changed.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import {
  type EditTarget,
  type Peer,
  readPeers,
  type Surface,
  setPresence,
} from '../../board/presence.ts';

export type DiagramSurface = Extract<Surface, 'whys' | 'fishbone'>;
export interface PeerTag {
  readonly name: string;
  readonly color: string;
}
export interface NodePeers {
  readonly selecting: readonly PeerTag[];
  readonly editing: readonly PeerTag[];
}
export interface RemoteCursor extends PeerTag {
  readonly clientId: number;
  readonly x: number;
  readonly y: number;
}

function usePeersDerived(awareness: Awareness, derive: (peers: Peer[]) => string): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    [awareness],
  );
  return useSyncExternalStore(subscribe, () => derive(readPeers(awareness)));
}

const tag = (p: Peer): PeerTag => ({ name: p.user.name, color: p.user.color });

/** Other peers selecting or editing the record `id` shown on `surface`. */
export function useNodePeers(
  awareness: Awareness,
  surface: DiagramSurface,
  kind: EditTarget['kind'],
  id: string,
): NodePeers {
  const key = usePeersDerived(awareness, (peers) =>
    JSON.stringify({
      selecting: peers
        .filter((p) => p.selection?.surface === surface && p.selection.ids.includes(id))
        .map(tag),
      editing: peers.filter((p) => p.editing?.kind === kind && p.editing.id === id).map(tag),
    }),
  );
  return useMemo(() => JSON.parse(key) as NodePeers, [key]);
}

/** Cursors of other peers currently pointing at `surface`, in flow coordinates. */
export function useRemoteCursors(awareness: Awareness, surface: DiagramSurface): RemoteCursor[] {
  const key = usePeersDerived(awareness, (peers) =>
    JSON.stringify(
      peers.flatMap((p) =>
        p.cursor?.surface === surface
          ? [{ ...tag(p), clientId: p.clientId, x: p.cursor.x, y: p.cursor.y }]
          : [],
      ),
    ),
  );
  return useMemo(() => JSON.parse(key) as RemoteCursor[], [key]);
}

/** Announces (or, with null, withdraws) the field the local user is typing in. */
export function announceEditing(awareness: Awareness, target: EditTarget | null): void {
  const local = awareness.getLocalState() as { editing?: EditTarget | null } | null;
  // Withdraw only our own announcement: focus may already have moved to another editor.
  if (target === null && local?.editing == null) return;
  setPresence(awareness, 'editing', target);
}
