/** One client socket as a room sees it: a safe send, a close with a capped reason, liveness. */
import { WebSocket } from 'ws';
import { type Access, OPEN_ACCESS } from '../auth/roles.ts';
import { closeReason } from '../errors.ts';

export class Connection {
  /** Awareness client ids this socket announced, removed (and broadcast) when it leaves. */
  readonly awarenessIds = new Set<number>();
  /** Last ws-level pong (or the connect time); the heartbeat terminates stale peers. */
  lastPong = Date.now();

  constructor(
    readonly socket: WebSocket,
    /** Who holds this socket: decides whether its updates apply, and names it in the audit log. */
    readonly access: Access = OPEN_ACCESS,
  ) {
    socket.on('pong', () => {
      this.lastPong = Date.now();
    });
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(data: Uint8Array): void {
    if (!this.open) return;
    // A failed write means the peer is gone; terminate so the close handler cleans up.
    this.socket.send(data, (err) => {
      if (err) this.socket.terminate();
    });
  }

  ping(): void {
    if (this.open) this.socket.ping();
  }

  close(code: number, reason: string): void {
    const s = this.socket.readyState;
    if (s === WebSocket.OPEN || s === WebSocket.CONNECTING)
      this.socket.close(code, closeReason(reason));
  }

  terminate(): void {
    this.socket.terminate();
  }
}
