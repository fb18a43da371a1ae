import { useEffect, useState } from 'react';
import { checkRoom, type RoomCheck } from '../api.ts';

/** Asks the relay once whether `room` exists; 'checking' until it answers. */
export function useRoomCheck(room: string): RoomCheck | 'checking' {
  const [result, setResult] = useState<{ room: string; check: RoomCheck } | null>(null);
  useEffect(() => {
    let live = true;
    void checkRoom(room).then((check) => {
      if (live) setResult({ room, check });
    });
    return () => {
      live = false;
    };
  }, [room]);
  return result?.room === room ? result.check : 'checking';
}
