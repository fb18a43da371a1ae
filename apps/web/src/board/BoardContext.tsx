/**
 * One live connection per open board: the Y.Doc, its y-websocket provider and awareness.
 * Components read the doc through @causeway/core accessors; nothing shared is copied into a store.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { adoptTokenFromUrl, tokenFor } from '../auth/token.ts';
import { localUser } from './user.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface BoardConnection {
  readonly room: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
}

const BoardContext = createContext<BoardConnection | null>(null);

function syncUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}/sync`;
}

export function BoardProvider({ room, children }: { room: string; children: ReactNode }) {
  const [conn, setConn] = useState<BoardConnection | null>(null);
  useEffect(() => {
    const doc = new Y.Doc();
    adoptTokenFromUrl(room);
    const token = tokenFor(room);
    // disableBc: tabs of one browser must not share edits over BroadcastChannel, or a viewer's
    // (or a token-less tab's) edits would reach a facilitator tab and be relayed under its token.
    // Every tab syncs only through the relay, which checks each socket's role.
    const provider = new WebsocketProvider(syncUrl(), room, doc, {
      disableBc: true,
      ...(token ? { params: { token } } : {}),
    });
    const awareness = provider.awareness;
    awareness.setLocalState({ user: localUser(), cursor: null, selection: null, editing: null });
    setConn({ room, doc, provider, awareness });
    return () => {
      awareness.setLocalState(null);
      provider.destroy();
      doc.destroy();
      setConn(null);
    };
  }, [room]);
  if (!conn) return null;
  return <BoardContext.Provider value={conn}>{children}</BoardContext.Provider>;
}

/** The open board's connection; only valid under <BoardProvider>. */
export function useBoard(): BoardConnection {
  const conn = useContext(BoardContext);
  if (!conn) throw new Error('useBoard() outside <BoardProvider>');
  return conn;
}
