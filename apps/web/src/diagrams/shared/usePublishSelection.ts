/** Publishes the local selection on one diagram so others can outline it in our colour. */
import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { setPresence } from '../../board/presence.ts';
import type { DiagramSurface } from './presence.ts';

export function usePublishSelection(
  awareness: Awareness,
  surface: DiagramSurface,
  ids: readonly string[],
): void {
  const key = ids.join(',');
  useEffect(() => {
    const local = awareness.getLocalState() as { selection?: { surface: string } | null } | null;
    if (key === '') {
      if (local?.selection?.surface === surface) setPresence(awareness, 'selection', null);
    } else setPresence(awareness, 'selection', { surface, ids: key.split(',') });
  }, [awareness, surface, key]);
  useEffect(
    () => () => {
      const local = awareness.getLocalState() as { selection?: { surface: string } | null } | null;
      if (local?.selection?.surface === surface) setPresence(awareness, 'selection', null);
    },
    [awareness, surface],
  );
}
