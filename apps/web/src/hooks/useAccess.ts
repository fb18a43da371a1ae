import { useEffect, useState } from 'react';
import { type BoardAccess, fetchAccess } from '../api.ts';
import { useBoard } from '../board/BoardContext.tsx';

/** This tab's access to the open board; null while unknown (or refused: the socket says why). */
export function useAccess(): BoardAccess | null {
  const { room } = useBoard();
  const [access, setAccess] = useState<BoardAccess | null>(null);
  useEffect(() => {
    let live = true;
    fetchAccess(room).then(
      (a) => live && setAccess(a),
      () => live && setAccess(null),
    );
    return () => {
      live = false;
    };
  }, [room]);
  return access;
}
