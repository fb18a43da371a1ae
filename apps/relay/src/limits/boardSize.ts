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
 * room, as one update with `origin`, only if that keeps the board under the cap: the socket path
 * refuses an update before it touches the doc, and a Yjs transaction cannot be rolled back, so the
 * change is measured first. Throws 413 board-too-large and changes nothing otherwise.
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
    const before = Y.encodeStateVector(copy);
    let changed = false;
    copy.on('update', () => {
      changed = true;
    });
    const out = write(copy);
    if (!changed) return out;
    const update = Y.encodeStateAsUpdate(copy, before);
    if (limit.sizeOf(room) + update.byteLength > limit.maxBytes)
      throw new HttpError(
        'board-too-large',
        `the import would make the board larger than ${limit.maxBytes} bytes (CAUSEWAY_MAX_BOARD_BYTES); nothing was imported`,
      );
    Y.applyUpdate(room.doc, update, origin);
    return out;
  } finally {
    copy.destroy();
  }
}
