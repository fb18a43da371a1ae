/** One client socket as a room sees it: a safe send, a close with a capped reason, liveness. */
import * as wsModule from 'ws';
import { WebSocket } from 'ws';
import { type Access, OPEN_ACCESS } from '../auth/roles.ts';
import { closeReason } from '../errors.ts';

/** ws internals read by `sendShared`: the raw socket and whether the sender queues frames. */
interface WsInternals {
  readonly _socket?: { write(data: Uint8Array): boolean };
  readonly _sender?: { readonly _state?: number; readonly _bufferedBytes?: number };
}

/** ws's frame encoder (exported by ws, missing from @types/ws). */
const { Sender } = wsModule as unknown as {
  Sender: {
    frame(
      data: Buffer,
      opts: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean },
    ): Buffer[];
  };
};

/**
 * A binary WebSocket frame (header + payload) built once for many sockets: ws would build a
 * header and issue a corked two-part write per socket; one prebuilt buffer is one plain write.
 */
export class SharedFrame {
  readonly wire: Buffer;
  constructor(readonly payload: Uint8Array) {
    const parts = Sender.frame(
      Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
      {
        fin: true,
        rsv1: false,
        opcode: 2,
        mask: false,
        readOnly: false,
      },
    );
    this.wire = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }
}

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

  /**
   * Writes a prebuilt frame straight to the socket when ws would do the same (its sender idle:
   * no compression or pending frames to keep order with); otherwise sends it the normal way.
   */
  sendShared(frame: SharedFrame): void {
    if (!this.open) return;
    const ws = this.socket as unknown as WsInternals;
    const sender = ws._sender;
    if (ws._socket && sender && sender._state === 0 && !sender._bufferedBytes) {
      ws._socket.write(frame.wire);
      return;
    }
    this.send(frame.payload);
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
