/**
 * A loaded room: the authoritative Y.Doc, its awareness and connected sockets. Every doc update is
 * appended to storage before it is relayed; relays go out in update order through one chain.
 */
import type { FastifyBaseLogger } from 'fastify';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE } from '../errors.ts';
import { awarenessMessage, syncStep1Message, updateMessage } from '../protocol/messages.ts';
import type { Storage } from '../storage/storage.ts';
import { Connection } from './connection.ts';

export interface RoomDeps {
  readonly storage: Storage;
  readonly compactAfter: number;
  readonly log: FastifyBaseLogger;
  /** Called once the stored state is in, before any client frame applies (audit, size limits). */
  readonly onLoaded?: (room: Room) => void;
}

/** Origin of the transaction that replays the stored log, so it is not appended again. */
const FROM_STORAGE = Symbol('causeway:storage');

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Sockets plus REST leases; the registry unloads the room when this drops to zero. */
  holders = 0;
  /** Resolves once the stored log is applied; rejects if loading failed. */
  readonly ready: Promise<void>;
  private relayChain: Promise<void> = Promise.resolve();
  private lastSeq = 0;
  private logSize = 0;
  private loaded = false;
  private failed = false;

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
    const log = await this.deps.storage.loadLog(this.name);
    if (log.updates.length > 0)
      Y.applyUpdate(this.doc, Y.mergeUpdates([...log.updates]), FROM_STORAGE);
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

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    // Start the write now (SQLite finishes it before returning) so that any sync reply computed
    // from the doc after this point only contains persisted updates.
    const written = this.deps.storage.appendUpdate(this.name, update);
    written.catch(() => {});
    const message = updateMessage(update);
    this.relayChain = this.relayChain
      .then(async () => {
        this.lastSeq = Math.max(this.lastSeq, await written);
        // One relay owns a room, so counting acknowledged appends tracks the log's size.
        this.logSize++;
        for (const c of this.connections) if (c !== origin) c.send(message);
        if (this.logSize > this.deps.compactAfter) await this.compact();
      })
      .catch((err: unknown) => this.fail(err));
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: AwarenessChange,
    origin: unknown,
  ) => {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
    }
    // Everyone gets it, the sender too: the echo is part of what keeps an idle client alive.
    const message = awarenessMessage(this.awareness, [...added, ...updated, ...removed]);
    for (const c of this.connections) c.send(message);
  };

  /** Sends a newly loaded socket the relay's state vector and everyone's presence. */
  greet(conn: Connection): void {
    conn.send(syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(this.awareness, states));
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
      await this.relayChain;
      if (this.loaded && !this.failed && this.logSize > 1) await this.compact();
    } finally {
      this.doc.off('update', this.onDocUpdate);
      this.awareness.off('update', this.onAwarenessUpdate);
      this.awareness.destroy();
      this.doc.destroy();
    }
  }
}
