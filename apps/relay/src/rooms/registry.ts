/**
 * The loaded rooms. A room is loaded by its first holder (socket or REST lease) and unloaded,
 * compacted and freed when its last holder lets go; a rejoin waits for that unload to finish.
 */
import { CLOSE } from '../errors.ts';
import type { Connection } from './connection.ts';
import { Room, type RoomDeps } from './room.ts';

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private shuttingDown = false;

  private readonly deps: RoomDeps;

  constructor(deps: RoomDeps) {
    this.deps = {
      ...deps,
      onRemoteDelete: (room) =>
        this.evict(room, CLOSE.boardDeleted, 'this board was deleted by its facilitator'),
    };
  }

  get closing(): boolean {
    return this.shuttingDown;
  }

  /** The loaded room, if any (for tests and health checks). */
  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Sockets across every loaded room. */
  socketCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.connections.size;
    return n;
  }

  /** Every loaded room. */
  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  private acquire(name: string): Room {
    let room = this.rooms.get(name);
    if (!room) {
      room = new Room(name, this.deps, this.unloading.get(name));
      this.rooms.set(name, room);
    }
    room.holders++;
    return room;
  }

  private release(room: Room): void {
    room.holders--;
    if (room.holders > 0 || this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    const done: Promise<void> = room
      .close()
      .catch((err: unknown) =>
        this.deps.log.error({ err, room: room.name }, 'unloading a room failed'),
      )
      .finally(() => {
        if (this.unloading.get(room.name) === done) this.unloading.delete(room.name);
      });
    this.unloading.set(room.name, done);
  }

  /** Adds a socket to a room, loading the room if needed. */
  join(name: string, conn: Connection): Room {
    const room = this.acquire(name);
    room.connections.add(conn);
    return room;
  }

  /** Closes every socket of `room` with `code`; the room unloads once its last holder is gone. */
  evict(room: Room, code: number, reason: string): void {
    for (const conn of [...room.connections]) {
      conn.close(code, reason);
      this.leave(room, conn);
    }
  }

  /** Tells the other relays sharing board `name` that it was deleted (no-op when alone). */
  announceDelete(name: string): void {
    this.deps.fanout?.announceDelete(name);
  }

  /** Removes a socket; idempotent, so both an explicit close and the close event may call it. */
  leave(room: Room, conn: Connection): void {
    if (room.removeConnection(conn)) this.release(room);
  }

  /**
   * Runs `fn` on the live room (loading it for the duration; an async `fn` keeps it loaded until
   * it settles) and resolves after its writes are persisted and relayed.
   */
  async withRoom<T>(name: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const room = this.acquire(name);
    try {
      await room.ready;
      const out = await fn(room);
      await room.flushed();
      if (room.broken) throw new Error(`room ${name} failed to persist an update`);
      return out;
    } finally {
      this.release(room);
    }
  }

  /** Resolves when no room is unloading (tests use it to wait for compaction and frees). */
  async idle(): Promise<void> {
    while (this.unloading.size > 0) await Promise.all(this.unloading.values());
  }

  /** Closes every socket with `code`, then flushes and unloads every room. */
  async shutdown(code: number, reason: string): Promise<void> {
    this.shuttingDown = true;
    for (const room of [...this.rooms.values()]) this.evict(room, code, reason);
    await this.idle();
  }
}
