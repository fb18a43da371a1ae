/**
 * What each peer publishes over Yjs awareness. Presence is never written into the document:
 * it is per person, short-lived, and dropped by awareness 30 s after a peer goes silent.
 */
import type { Awareness } from 'y-protocols/awareness';

export type Surface = 'whys' | 'fishbone' | 'timeline';
export type EditTarget = {
  readonly kind: 'event' | 'why' | 'cause' | 'category' | 'action' | 'meta';
  readonly id: string;
  readonly field?: string;
};

export interface PresenceState {
  readonly user: { readonly name: string; readonly color: string };
  /** Pointer in flow coordinates of the named diagram; null when the pointer left it. */
  readonly cursor: { readonly surface: Surface; readonly x: number; readonly y: number } | null;
  /** Ids selected on a diagram. */
  readonly selection: { readonly surface: Surface; readonly ids: readonly string[] } | null;
  /** The field someone is typing in. */
  readonly editing: EditTarget | null;
  /** Bumped after this peer saves a snapshot, so every open page refetches the list. */
  readonly snapshotsVersion?: number;
}

export interface Peer extends PresenceState {
  readonly clientId: number;
}

/** Sets one presence field of the local peer. */
export function setPresence<K extends keyof PresenceState>(
  awareness: Awareness,
  key: K,
  value: PresenceState[K],
): void {
  awareness.setLocalStateField(key, value);
}

/** The other peers that have announced a user (the local one excluded). */
export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const s = state as Partial<PresenceState>;
    if (!s.user || typeof s.user.name !== 'string') return;
    peers.push({
      clientId,
      user: s.user,
      cursor: s.cursor ?? null,
      selection: s.selection ?? null,
      editing: s.editing ?? null,
    });
  });
  return peers.sort((a, b) => a.clientId - b.clientId);
}
