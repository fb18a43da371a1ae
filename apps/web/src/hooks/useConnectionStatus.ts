import { useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useBoard } from '../board/BoardContext.tsx';

/**
 * 'offline' while the provider retries; 'closed' when the relay refused the room for good
 * (a 44xx close code: y-websocket stops reconnecting and emits 'closed').
 */
export type LinkStatus = 'connecting' | 'connected' | 'offline' | 'closed';

function statusOf(p: WebsocketProvider, closed: boolean): LinkStatus {
  if (closed) return 'closed';
  if (p.wsconnected) return 'connected';
  // The counter resets once a connection synced, so 0 means "first attempt since things worked":
  // still connecting. Any failed attempt after that means the responder is working offline.
  return p.wsUnsuccessfulReconnects === 0 ? 'connecting' : 'offline';
}

/** How the relay closed each provider for good: code and reason, for the banner to explain. */
const closedProviders = new WeakMap<WebsocketProvider, { code: number; reason: string }>();

/** The relay's final close (code and reason) of `p`, once it refused the room for good. */
export function finalCloseOf(p: WebsocketProvider): { code: number; reason: string } | undefined {
  return closedProviders.get(p);
}

function subscribeTo(p: WebsocketProvider) {
  return (onChange: () => void) => {
    const onClosed = (event: { code: number; reason: string }) => {
      closedProviders.set(p, { code: event.code, reason: event.reason });
      onChange();
    };
    p.on('status', onChange);
    p.on('connection-close', onChange);
    p.on('connection-error', onChange);
    p.on('closed', onClosed);
    return () => {
      p.off('status', onChange);
      p.off('connection-close', onChange);
      p.off('connection-error', onChange);
      p.off('closed', onClosed);
    };
  };
}

const subscribers = new WeakMap<WebsocketProvider, (onChange: () => void) => () => void>();

/** The board's link to the relay, for the header badge and the offline banner. */
export function useConnectionStatus(): LinkStatus {
  const { provider } = useBoard();
  let subscribe = subscribers.get(provider);
  if (!subscribe) {
    subscribe = subscribeTo(provider);
    subscribers.set(provider, subscribe);
  }
  return useSyncExternalStore(subscribe, () => statusOf(provider, closedProviders.has(provider)));
}
