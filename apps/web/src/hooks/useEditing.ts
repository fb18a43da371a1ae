import { useCallback, useEffect } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { type EditTarget, setPresence } from '../board/presence.ts';

export interface EditingHandlers {
  readonly onFocus: () => void;
  readonly onBlur: () => void;
}

/**
 * Focus/blur handlers that announce "I am typing in this field" over awareness, so others see
 * who holds a field before the edit lands. Stable while kind/id/field are.
 */
export function useEditing(kind: EditTarget['kind'], id: string, field?: string): EditingHandlers {
  const { awareness } = useBoard();
  const onFocus = useCallback(() => {
    setPresence(awareness, 'editing', field === undefined ? { kind, id } : { kind, id, field });
  }, [awareness, kind, id, field]);
  const onBlur = useCallback(() => {
    // Only clear our own claim: focus may already have moved to another field's onFocus.
    const cur = (awareness.getLocalState() as { editing?: EditTarget | null } | null)?.editing;
    if (cur && cur.kind === kind && cur.id === id && cur.field === field) {
      setPresence(awareness, 'editing', null);
    }
  }, [awareness, kind, id, field]);
  // A field removed while focused (a peer deleted the row) gets no blur: drop the claim on unmount.
  useEffect(() => onBlur, [onBlur]);
  return { onFocus, onBlur };
}
