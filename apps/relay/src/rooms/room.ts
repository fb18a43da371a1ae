/**
 * A loaded room: the authoritative Y.Doc, its awareness and connected sockets.
 *
 * Socket updates that arrive within one turn of the event loop, each validated on arrival, are
 * applied in ONE Yjs transaction (`queueUpdate`), so Yjs encodes them once, already merged.
 * Doc updates that arrive within one turn of the event loop are handled as one batch: merged
 * (Y.mergeUpdates) and appended to storage as one row, then published to other relays and sent
 * to every observer as frames encoded once and shared. Small updates are merged into one frame;
 * merging stops at FRAME_MERGE_BYTES, so the slices of a large import (stored beforehand in one
 * transaction by `applyStored`: all or nothing) reach each page as separate frames it can apply
 * one at a time. Persist-before-relay holds for the batch, and sync replies are queued behind it (see
 * `sendAfterFlush`). Batches go out in order through one chain; while a batch is being written or
 * sent the next one grows, so the number of frames per observer adapts to load instead of
 * tracking the update rate.
 */
import type { FastifyBaseLogger } from 'fastify';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Fanout, FanoutPeer, RoomLink } from '../cluster/fanout.ts';
import { CLOSE } from '../errors.ts';
import type { RelayMetrics } from '../metrics.ts';
import type { DecodedUpdate } from '../protocol/handlers.ts';
import {
  awarenessMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from '../protocol/messages.ts';
import { applyLog, mergeBatch } from '../storage/merge.ts';
import type { Storage } from '../storage/storage.ts';
import { Connection, SharedFrame } from './connection.ts';

export interface RoomDeps {
  readonly storage: Storage;
  readonly compactAfter: number;
  readonly log: FastifyBaseLogger;
  /** Called once the stored state is in, before any client frame applies (audit, size limits). */
  readonly onLoaded?: (room: Room) => void;
  readonly metrics: RelayMetrics;
  /** The cross-relay bus; absent when this relay is alone. */
  readonly fanout?: Fanout | undefined;
  /** Another relay deleted this board; the registry closes its sockets and unloads it. */
  readonly onRemoteDelete?: (room: Room) => void;
}

/** Origin of the transaction that replays the stored log, so it is not appended again. */
const FROM_STORAGE = Symbol('causeway:storage');
/** Origin of updates and presence another relay already persisted and published. */
export const FROM_PEER = Symbol('causeway:peer-relay');

/** One validated socket update waiting for its turn's transaction. */
export interface QueuedUpdate {
  readonly conn: Connection;
  readonly update: Uint8Array;
  readonly decoded: DecodedUpdate;
  /** Called, after the transaction, if applying it threw: closes its socket. */
  readonly onError: (err: unknown) => void;
}

/** The socket updates of one event-loop turn; the origin of the transaction that applies them. */
export class SocketTurn {
  /** The updates that applied (in arrival order), for the audit log and the senders. */
  readonly applied: QueuedUpdate[] = [];
  constructor(readonly queued: readonly QueuedUpdate[]) {}
}

/** How many updates a pending entry stands for (a socket turn holds several). */
const updateCount = (origin: unknown) => (origin instanceof SocketTurn ? origin.applied.length : 1);

/** The one socket every update of `batch` came from, or null (several, or not from a socket). */
function soleSender(batch: readonly Pending[]): Connection | null {
  let only: Connection | null = null;
  for (const { origin } of batch) {
    const conns = origin instanceof SocketTurn ? origin.applied.map((q) => q.conn) : [origin];
    for (const c of conns) {
      if (!(c instanceof Connection) || (only !== null && c !== only)) return null;
      only = c;
    }
  }
  return only;
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
interface Pending {
  readonly update: Uint8Array;
  readonly origin: unknown;
  /** Already in storage (a slice applied by `applyStored`): relayed and published, not stored. */
  readonly stored: boolean;
}

/** The longest a batch waits behind the previous one (see `send`). */
const MAX_PAUSE_MS = 10;

/**
 * Updates are merged into one frame up to this size. An import slice (~2,000 events) is larger,
 * so each slice is its own frame; typing and drags stay far below it and still merge.
 */
export const FRAME_MERGE_BYTES = 128 * 1024;

/** Consecutive updates grouped and merged so that no merge grows past `maxBytes`, in order. */
export function mergeInFrames(updates: readonly Uint8Array[], maxBytes: number): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let group: Uint8Array[] = [];
  let size = 0;
  for (const u of updates) {
    if (group.length > 0 && size + u.byteLength > maxBytes) {
      frames.push(mergeBatch(group));
      group = [];
      size = 0;
    }
    group.push(u);
    size += u.byteLength;
  }
  if (group.length > 0) frames.push(mergeBatch(group));
  return frames;
}

export class Room implements FanoutPeer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Sockets plus REST leases; the registry unloads the room when this drops to zero. */
  holders = 0;
  /** Resolves once the stored log is applied; rejects if loading failed. */
  readonly ready: Promise<void>;
  private relayChain: Promise<void> = Promise.resolve();
  private pending: Pending[] = [];
  /** Socket updates of this turn, validated, not yet applied; see `queueUpdate`. */
  private queued: QueuedUpdate[] = [];
  private queuedBytesSum = 0;
  private queuedDepthMax = 0;
  /** True while `applyQueued` runs its transaction: it flushes afterwards itself. */
  private applyingQueued = false;
  private flushScheduled = false;
  /** Earliest time (performance.now) the next batch goes out; see `send`. */
  private nextFlushAt = 0;
  /** Batches on the relay chain not yet delivered. */
  private inFlight = 0;
  /** True while `applyStored` applies an update whose row is already written. */
  private applyingStored = false;
  private link: RoomLink | undefined;
  /** The whole doc as a sync step 2, encoded once for every joiner until the doc changes. */
  private fullState: SharedFrame | null = null;
  private lastSeq = 0;
  /** Rows this relay appended since the last compaction (other relays count their own). */
  private logSize = 0;
  private loaded = false;
  private failed = false;
  /** Deleted through another relay: nothing more is stored, relayed or compacted back. */
  private deleted = false;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
    /** The previous incarnation's unload; loading waits so it sees that final compaction. */
    previous: Promise<void> = Promise.resolve(),
  ) {
    // The relay is not a participant: no awareness state of its own.
    this.awareness.setLocalState(null);
    this.ready = previous.then(() => this.load());
    this.ready.catch(() => {});
  }

  private async load(): Promise<void> {
    // Subscribe before reading storage: an update another relay persists in between is then
    // either in what we read or in a message we receive.
    if (this.deps.fanout) this.link = await this.deps.fanout.join(this.name, this);
    const log = await this.deps.storage.loadLog(this.name);
    applyLog(this.doc, log.updates, FROM_STORAGE);
    this.lastSeq = log.lastSeq;
    this.logSize = log.updates.length;
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.loaded = true;
    this.deps.onLoaded?.(this);
  }

  /** True when a write failed; the room refuses further work until it is reloaded. */
  get broken(): boolean {
    return this.failed;
  }

  remoteUpdate(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, FROM_PEER);
  }

  remoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_PEER);
  }

  presenceWanted(): void {
    const ours = [...this.connections].flatMap((c) => [...c.awarenessIds]);
    const states = this.awareness.getStates();
    const present = ours.filter((id) => states.has(id));
    if (present.length > 0 && this.link)
      this.link.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, present));
  }

  async resync(): Promise<void> {
    if (!this.loaded || this.failed || this.deleted) return;
    const log = await this.deps.storage.loadLog(this.name);
    // Only what this doc lacks comes out of the update event, and it reaches local sockets.
    applyLog(this.doc, log.updates, FROM_PEER);
  }

  remoteDelete(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.pending = [];
    this.queued = [];
    this.deps.log.info({ room: this.name }, 'board deleted through another relay; unloading it');
    this.deps.onRemoteDelete?.(this);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.fullState = null;
    this.pending.push({ update, origin, stored: this.applyingStored });
    if (!this.applyingQueued) this.scheduleFlush(false);
  };

  /**
   * Flushes on the next turn (or `now`, when called at the end of a turn's work), unless a batch
   * is already scheduled or the merge pause (see `send`) is still running.
   */
  private scheduleFlush(now: boolean): void {
    if (this.flushScheduled) return;
    const wait = this.nextFlushAt - performance.now();
    if (wait <= 0 && now) {
      this.flush();
      return;
    }
    this.flushScheduled = true;
    if (wait > 0) setTimeout(this.flush, wait);
    else setImmediate(this.flush);
  }

  /** Bytes of the queued socket updates: the board size cap counts them before they apply. */
  get queuedBytes(): number {
    return this.queuedBytesSum;
  }

  /** The deepest nesting an item of the queued socket updates may land at (0: none queued). */
  get queuedDepth(): number {
    return this.queuedDepthMax;
  }

  /**
   * Queues a socket update that passed every check (decoding, nesting, role, size cap) for this
   * turn's transaction, applied once the turn's frames are read. One transaction for the turn
   * means one update event: one encoding, one pending entry, no merge, however many arrived.
   */
  queueUpdate(update: QueuedUpdate, depth: number): void {
    if (this.queued.length === 0) setImmediate(this.applyQueued);
    this.queued.push(update);
    this.queuedBytesSum += update.update.byteLength;
    this.queuedDepthMax = Math.max(this.queuedDepthMax, depth);
  }

  /**
   * Applies the queued socket updates in one transaction (origin: their SocketTurn) and flushes
   * the batch at once when no merge pause runs; returns false when nothing was queued. An update
   * that fails to apply closes its socket only (after the transaction, so the rest still apply).
   */
  readonly applyQueued = (): boolean => {
    if (this.queued.length === 0) return false;
    const turn = new SocketTurn(this.queued);
    this.queued = [];
    this.queuedBytesSum = 0;
    this.queuedDepthMax = 0;
    const failed: Array<[QueuedUpdate, unknown]> = [];
    this.applyingQueued = true;
    try {
      this.doc.transact(() => {
        for (const q of turn.queued) {
          try {
            Y.applyUpdate(this.doc, q.update, turn);
            turn.applied.push(q);
          } catch (err) {
            failed.push([q, err]);
          }
        }
      }, turn);
    } finally {
      this.applyingQueued = false;
    }
    if (this.pending.length > 0) this.scheduleFlush(true);
    for (const [q, err] of failed) q.onError(err);
    return true;
  };

  /** Moves the pending batch onto the relay chain. */
  private readonly flush = () => {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight++;
    this.relayChain = this.relayChain
      .then(() => this.deliver(batch))
      .catch((err: unknown) => this.fail(err))
      .finally(() => {
        this.inFlight--;
      });
  };

  private async deliver(batch: readonly Pending[]): Promise<void> {
    if (this.failed || this.deleted) return;
    // One merge serves the frames, the stored row and the published update whenever they hold
    // the same updates (a batch of local updates within one frame): merging is most of a busy
    // batch's cost.
    const frames = mergeInFrames(
      batch.map((p) => p.update),
      FRAME_MERGE_BYTES,
    );
    const whole = frames.length === 1 ? frames[0] : undefined;
    const ours = batch.filter((p) => p.origin !== FROM_PEER);
    const toStore = ours.filter((p) => !p.stored);
    if (toStore.length > 0)
      await this.store(
        whole && toStore.length === batch.length ? whole : mergeBatch(toStore.map((p) => p.update)),
      );
    // Deleted while this row was written: `close` removes the row; nobody may receive it.
    if (this.deleted) return;
    if (this.link && ours.length > 0) {
      const published =
        ours.length === batch.length
          ? frames
          : mergeInFrames(
              ours.map((p) => p.update),
              FRAME_MERGE_BYTES,
            );
      for (const frame of published) this.link.publishUpdate(frame);
    }
    this.deps.metrics.updates.inc(batch.reduce((n, p) => n + updateCount(p.origin), 0));
    this.send(batch, frames);
    if (this.logSize > this.deps.compactAfter) await this.compact();
  }

  /** Appends one row and counts it for compaction. */
  private async store(update: Uint8Array): Promise<void> {
    const started = performance.now();
    const seq = await this.deps.storage.appendUpdate(this.name, update);
    this.deps.metrics.storeSeconds.observe((performance.now() - started) / 1000);
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.logSize++;
  }

  /** Appends rows in one transaction and counts them for compaction. */
  private async storeAll(updates: readonly Uint8Array[]): Promise<void> {
    const started = performance.now();
    const seq = await this.deps.storage.appendUpdates(this.name, updates);
    this.deps.metrics.storeSeconds.observe((performance.now() - started) / 1000);
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.logSize += updates.length;
  }

  /**
   * For a large REST write (an import's slices): stores `updates` as rows in one transaction (all
   * or nothing), then applies them to the doc with `origin`, one per event-loop turn; each is
   * relayed and published as its own frame and not stored again. Storage gets all of it or
   * nothing, the pages get slices they can render between, and the relay's event loop is never
   * busy with the whole write at once. Ordered with the other batches on the relay chain; joiners
   * wait for it. Rejects, applying nothing, if the rows cannot be written.
   */
  applyStored(updates: readonly Uint8Array[], origin: unknown): Promise<void> {
    this.flush();
    this.inFlight++;
    const run = this.relayChain.then(async () => {
      if (this.failed || this.deleted) throw new Error(`room ${this.name} takes no writes now`);
      await this.storeAll(updates);
      for (const update of updates) {
        if (this.deleted) return;
        this.applyingStored = true;
        try {
          Y.applyUpdate(this.doc, update, origin);
        } finally {
          this.applyingStored = false;
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    });
    this.relayChain = run
      .catch((err: unknown) => this.fail(err))
      .finally(() => {
        this.inFlight--;
      });
    return run;
  }

  /**
   * Sends the batch's frames (encoded once, the same buffers to all) to every socket, senders
   * included: Yjs ignores what a client already holds, and building each sender its own frame
   * without its updates took one merge per sender per batch, most of the relay's CPU with ten
   * writers. Only a sender that made the whole batch (one writer typing) is skipped: the frame
   * holds nothing new for it.
   */
  private send(batch: readonly Pending[], updates: readonly Uint8Array[]): void {
    const skip = soleSender(batch);
    const started = performance.now();
    const frames = updates.map((u) => new SharedFrame(updateMessage(u)));
    for (const c of this.connections)
      if (c !== skip) for (const frame of frames) c.sendShared(frame);
    // Under load (this batch merged several updates: they arrived faster than one per turn of
    // the event loop) the next batch waits as long as this one took to send, at most 10 ms:
    // updates arriving meanwhile join it, so each observer gets a bounded number of frames per
    // second instead of one per update, and sending takes at most about half the relay's time.
    // A lone update goes out at once, so a room that is not busy (people typing, a closed loop)
    // waits for nothing. (Twice the send time, at most 20 ms, missed 3,200 updates/s at
    // N = 500 with a p99 of 53 ms; this held it with 33-40 ms in 3 runs of 4: bench/open.ts.)
    const now = performance.now();
    const merged = batch.length > 1 || updateCount(batch[0]?.origin) > 1;
    this.nextFlushAt = merged ? now + Math.min(MAX_PAUSE_MS, now - started) : 0;
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: AwarenessChange,
    origin: unknown,
  ) => {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    // Everyone gets it, the sender too: the echo is part of what keeps an idle client alive.
    const message = awarenessMessage(this.awareness, changed);
    for (const c of this.connections) c.send(message);
    if (origin !== FROM_PEER && this.link)
      this.link.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
  };

  /** Sends a newly loaded socket the relay's state vector and everyone's presence. */
  greet(conn: Connection): void {
    conn.send(syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(this.awareness, states));
  }

  /**
   * The reply to a client that holds nothing: encoding a big board costs far more than sending
   * it, so a join storm encodes it once and every joiner gets the same frame.
   */
  fullStateReply(): SharedFrame {
    this.fullState ??= new SharedFrame(syncStep2Message(Y.encodeStateAsUpdate(this.doc)));
    return this.fullState;
  }

  /**
   * Sends a reply computed from the doc (a sync step 2) once every update it may contain is
   * persisted, keeping persist-before-relay for joins too; immediate when nothing is pending.
   * Never sent once a write failed (the reply may hold the update storage lacks) or the board
   * was deleted.
   */
  sendAfterFlush(conn: Connection, reply: Uint8Array | SharedFrame): void {
    const send = () => {
      if (this.failed || this.deleted) return;
      if (reply instanceof SharedFrame) conn.sendShared(reply);
      else conn.send(reply);
    };
    if (this.pending.length === 0 && this.inFlight === 0 && this.queued.length === 0) {
      send();
      return;
    }
    void this.flushed().then(send);
  }

  /** Stops relaying to a socket and broadcasts the removal of its presence. */
  removeConnection(conn: Connection): boolean {
    if (!this.connections.delete(conn)) return false;
    if (this.loaded && conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    }
    return true;
  }

  /** Resolves once every update so far is persisted and relayed. */
  flushed(): Promise<void> {
    this.applyQueued();
    this.flush();
    return this.relayChain;
  }

  private async compact(): Promise<void> {
    const through = this.lastSeq;
    await this.deps.storage.compact(this.name, Y.encodeStateAsUpdate(this.doc), through);
    // Appends issued but not yet acknowledged survive and are counted when acknowledged.
    this.logSize = 1;
    this.deps.log.debug({ room: this.name, through }, 'compacted update log');
  }

  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.deps.log.error({ err, room: this.name }, 'persisting an update failed; closing the room');
    // Clients keep their state and re-send it on reconnect, to a room reloaded from storage.
    for (const c of this.connections)
      c.close(CLOSE.roomUnavailable, 'storage failed; reconnect later');
  }

  /** Flushes, merges the log into one row, and frees the doc, awareness and their timers. */
  async close(): Promise<void> {
    try {
      // A room left while still loading must finish loading before it can be torn down.
      await this.ready.catch(() => {});
      await this.flushed();
      // A board deleted elsewhere: rows appended here while the delete was on its way go too.
      if (this.deleted) await this.deps.storage.deleteRoom(this.name);
      else if (this.loaded && !this.failed && this.logSize > 1) await this.compact();
    } finally {
      this.link?.leave();
      this.doc.off('update', this.onDocUpdate);
      this.awareness.off('update', this.onAwarenessUpdate);
      this.awareness.destroy();
      this.doc.destroy();
    }
  }
}
