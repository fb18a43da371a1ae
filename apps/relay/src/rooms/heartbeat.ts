/**
 * One timer for every socket: a protocol-level keepalive the y-websocket client counts as
 * traffic (it drops sockets silent for 30 s), and ws pings to find peers that vanished without
 * closing (their presence is then removed through the normal close path).
 */
import { KEEPALIVE_MESSAGE } from '../protocol/messages.ts';
import type { RoomRegistry } from './registry.ts';

export interface HeartbeatOptions {
  readonly intervalMs: number;
  readonly deadPeerMs: number;
}

/** Starts the heartbeat; returns the function that stops it. */
export function startHeartbeat(rooms: RoomRegistry, opts: HeartbeatOptions): () => void {
  const timer = setInterval(() => {
    const now = Date.now();
    for (const room of rooms.all()) {
      for (const conn of room.connections) {
        if (now - conn.lastPong > opts.deadPeerMs) {
          conn.terminate();
          continue;
        }
        conn.ping();
        conn.send(KEEPALIVE_MESSAGE);
      }
    }
  }, opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
