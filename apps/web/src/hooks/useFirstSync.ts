import { useEffect, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';

/**
 * True once this page has received the board from the relay. Until then the doc is empty, and an
 * empty doc must not look like an empty board ("No events yet") on a board of 50,000 events.
 * It stays true through later reconnects: what was loaded is still on the page.
 */
export function useFirstSync(): boolean {
  const { provider } = useBoard();
  const [synced, setSynced] = useState(provider.synced);
  useEffect(() => {
    if (provider.synced) {
      setSynced(true);
      return;
    }
    const onSync = (now: boolean) => {
      if (now) setSynced(true);
    };
    provider.on('sync', onSync);
    return () => provider.off('sync', onSync);
  }, [provider]);
  return synced;
}
