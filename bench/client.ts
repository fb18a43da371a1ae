/**
 * A lean protocol client for load: it speaks y-websocket's framing (and Hocuspocus's, which
 * prefixes each message with the document name and needs an auth message first) without a Y.Doc,
 * so thousands of them fit in one process. It reports each received Yjs update.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import type { PeerName } from './proc.ts';

const SYNC = 0;
const AUTH = 2;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const AUTHENTICATED = 2;

export class BenchClient {
  readonly ws: WebSocket;
  /** Resolves when the first sync step 2 arrives (the client holds the board). */
  readonly synced: Promise<number>;
  onUpdate: ((update: Uint8Array, at: number) => void) | null = null;
  private resolveSynced!: (t: number) => void;
  private readonly hocus: boolean;

  constructor(
    readonly peer: PeerName,
    url: string,
    readonly room: string,
  ) {
    this.hocus = peer === 'hocuspocus';
    this.synced = new Promise((r) => {
      this.resolveSynced = r;
    });
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => {
      if (this.hocus) {
        this.ws.send(
          this.frame((e) => {
            encoding.writeVarUint(e, AUTH);
            encoding.writeVarUint(e, 0);
            encoding.writeVarString(e, '');
          }),
        );
      }
      // The floor has no state to answer with and would forward the request to everyone.
      if (peer === 'floor') {
        this.resolveSynced(performance.now());
        return;
      }
      // Empty state vector: "send me everything".
      this.ws.send(
        this.frame((e) => {
          encoding.writeVarUint(e, SYNC);
          encoding.writeVarUint(e, STEP1);
          encoding.writeVarUint8Array(e, new Uint8Array([0]));
        }),
      );
    });
    this.ws.on('message', (data: Buffer) => this.receive(data));
    this.ws.on('error', () => {});
  }

  private frame(write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder();
    if (this.hocus) encoding.writeVarString(e, this.room);
    write(e);
    return encoding.toUint8Array(e);
  }

  private receive(data: Buffer): void {
    const at = performance.now();
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.length));
    if (this.hocus) decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if (type === AUTH) {
      if (decoding.readVarUint(d) !== AUTHENTICATED) throw new Error('hocuspocus refused auth');
      return;
    }
    if (type !== SYNC) return;
    const sub = decoding.readVarUint(d);
    if (sub === STEP2) this.resolveSynced(at);
    if (sub === STEP2 || sub === UPDATE) this.onUpdate?.(decoding.readVarUint8Array(d), at);
  }

  /** Sends one Yjs update as a sync "update" message. */
  sendUpdate(update: Uint8Array): void {
    this.ws.send(
      this.frame((e) => {
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, UPDATE);
        encoding.writeVarUint8Array(e, update);
      }),
    );
  }

  opened(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Opens `n` clients `per` at a time and waits until each holds the board. */
export async function openClients(
  n: number,
  make: (i: number) => BenchClient,
  per = 100,
): Promise<BenchClient[]> {
  const out: BenchClient[] = [];
  for (let i = 0; i < n; i += per) {
    const batch = Array.from({ length: Math.min(per, n - i) }, (_, k) => make(i + k));
    await Promise.all(batch.map((c) => c.synced));
    out.push(...batch);
  }
  return out;
}
