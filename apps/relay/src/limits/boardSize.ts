/**
 * The cap on a board's size. Each loaded room's size starts as its encoded state and grows by every
 * applied update (an upper bound: overwritten values still count until the next load), and an
 * update that would pass the cap is refused before it touches the doc or storage.
 */
import * as Y from 'yjs';
import { CLOSE, HttpError, ProtocolError } from '../errors.ts';
import type { Room } from '../rooms/room.ts';

export class BoardSizeLimit {
  private readonly sizes = new WeakMap<Room, number>();

  constructor(readonly maxBytes: number) {}

  /** Room hook: measure once loaded, then count each update. */
  readonly onLoaded = (room: Room): void => {
    this.sizes.set(room, Y.encodeStateAsUpdate(room.doc).byteLength);
    room.doc.on('update', (update: Uint8Array) => {
      this.sizes.set(room, (this.sizes.get(room) ?? 0) + update.byteLength);
    });
  };

  /** The counted size of a loaded room. */
  sizeOf(room: Room): number {
    return this.sizes.get(room) ?? 0;
  }

  /** Throws a ProtocolError (4413) when `bytes` more would pass the cap. */
  check(room: Room, bytes: number): void {
    if (this.sizeOf(room) + bytes > this.maxBytes)
      throw new ProtocolError(
        CLOSE.boardTooLarge,
        `board size limit: the board would pass ${this.maxBytes} bytes; the update was not saved`,
      );
  }
}

/**
 * Runs a REST write (an import) on a copy of the room's doc and applies what it changed to the
 * room only if that keeps the board under the cap: the socket path refuses an update before it
 * touches the doc, and a Yjs transaction cannot be rolled back, so the change is measured first.
 * Throws 413 board-too-large and changes nothing otherwise.
 *
 * Each transaction of the write is applied as its own update with `origin`, in one synchronous
 * pass: the room stores them in one write (they land in one batch) and relays them as separate
 * frames, so an import written in slices reaches every page in slices.
 */
export function commitWithinCap<T>(
  room: Room,
  limit: BoardSizeLimit,
  write: (doc: Y.Doc) => T,
  origin: unknown,
): T {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    const updates: Uint8Array[] = [];
    copy.on('update', (update: Uint8Array) => updates.push(update));
    const out = write(copy);
    const bytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
    if (limit.sizeOf(room) + bytes > limit.maxBytes)
      throw new HttpError(
        'board-too-large',
        `the import would make the board larger than ${limit.maxBytes} bytes (CAUSEWAY_MAX_BOARD_BYTES); nothing was imported`,
      );
    for (const update of updates) Y.applyUpdate(room.doc, update, origin);
    return out;
  } finally {
    copy.destroy();
  }
}
