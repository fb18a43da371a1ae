import { useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type AwarenessView, awarenessStore } from '../board/awarenessStore.ts';
import { useBoard } from '../board/BoardContext.tsx';
import { type EditTarget, readPeers } from '../board/presence.ts';

/** Someone else typing in a field right now. */
export interface Editor {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly target: EditTarget;
}

function readEditors(awareness: Awareness): readonly Editor[] {
  const out: Editor[] = [];
  for (const p of readPeers(awareness)) {
    if (p.editing)
      out.push({ clientId: p.clientId, name: p.user.name, color: p.user.color, target: p.editing });
  }
  return out;
}

const keyOf = (e: Editor) =>
  `${e.clientId}|${e.name}|${e.color}|${e.target.kind}|${e.target.id}|${e.target.field ?? ''}`;

// Only who-edits-what matters here: cursor moves must not re-render every timeline row.
const EDITORS: AwarenessView<readonly Editor[]> = {
  read: readEditors,
  same: (a, b) => a.length === b.length && a.every((e, i) => keyOf(e) === keyOf(b[i] as Editor)),
};

/** Everyone else's current `editing` target; a new array only when one of them changes. */
export function useEditors(): readonly Editor[] {
  const { awareness } = useBoard();
  const store = awarenessStore(awareness, EDITORS);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
