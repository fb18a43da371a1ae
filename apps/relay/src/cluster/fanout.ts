/**
 * What a room needs from the cross-relay bus: publish its persisted updates and its presence,
 * hear other relays' ones, and be told to resync from storage when messages may have been missed.
 * See docs/adr/0005-cross-relay-fanout.md.
 */

/** A loaded room as the bus sees it. */
export interface FanoutPeer {
  /** A Yjs update another relay persisted (so it is not persisted again here). */
  remoteUpdate(update: Uint8Array): void;
  /** An awareness update (y-protocols encoding) from another relay's clients. */
  remoteAwareness(update: Uint8Array): void;
  /**
   * A relay that just joined the room (or healed) asks who is here: announce the presence of
   * this relay's own clients, or its newcomers would not see idle people until their clients
   * renew their state (every 15 s).
   */
  presenceWanted(): void;
  /** Messages may have been lost (bus reconnected): catch up from storage. */
  resync(): Promise<void>;
  /** Another relay deleted the board: stop storing it and unload it without writing it back. */
  remoteDelete(): void;
}

/** One room's membership on the bus. */
export interface RoomLink {
  publishUpdate(update: Uint8Array): void;
  publishAwareness(update: Uint8Array): void;
  /** Stops hearing the room; idempotent. */
  leave(): void;
}

/** What a relay does with invite revocations other relays announce. */
export interface RevocationListener {
  /** Invite `id` was revoked elsewhere: end its sockets here. */
  revoked(id: string): void;
  /** Announcements may have been missed (bus reconnected): re-check the live invites. */
  missed(): Promise<void>;
}

export interface Fanout {
  /**
   * False while the bus is unreachable: this relay's boards are still stored, but other relays'
   * edits do not reach its clients (and theirs not others) until it is back and they resync.
   */
  readonly connected: boolean;
  /**
   * True once the bus has been reached since this relay started. A relay that never was would
   * not share boards with the others; one cut off later is no worse off than its peers when
   * the bus itself is down (see /readyz).
   */
  readonly everConnected: boolean;
  /** Subscribes `peer` to room `name`; resolves once messages for it are being received. */
  join(name: string, peer: FanoutPeer): Promise<RoomLink>;
  /** Tells every other relay that board `name` was deleted (whether or not it is loaded here). */
  announceDelete(name: string): void;
  /** Tells every other relay that invite `id` was revoked (auth.ts `RevocationBus`). */
  announceRevoke(id: string): void;
  /** Sets who hears the revocations other relays announce. */
  onRevocations(listener: RevocationListener): void;
  close(): Promise<void>;
}
