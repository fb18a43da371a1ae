import { useEffect, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';

/** Close code the relay uses when it could not store an update (see docs/api.md). */
const STORAGE_FAILED = 4500;

/**
 * True from the moment the relay said it could not store our edits until a later connection
 * synced again (the provider re-sends everything the relay lacks on every sync).
 */
export function useUnsaved(): boolean {
  const { provider } = useBoard();
  const [unsaved, setUnsaved] = useState(false);
  useEffect(() => {
    const onClose = (ev: CloseEvent | null) => {
      if (ev?.code === STORAGE_FAILED) setUnsaved(true);
    };
    const onSync = (synced: boolean) => {
      if (synced) setUnsaved(false);
    };
    provider.on('connection-close', onClose);
    provider.on('sync', onSync);
    return () => {
      provider.off('connection-close', onClose);
      provider.off('sync', onSync);
    };
  }, [provider]);
  return unsaved;
}
