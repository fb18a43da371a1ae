/**
 * The cap on a board's size. Each loaded room's size starts as its encoded state and grows by every
 * applied update (an upper bound: overwritten values still count until the next load), and an
 * update that would pass the cap is refused before it touches the doc or storage.
 */
import * as Y from 'yjs';
import { CLOSE, ProtocolError } from '../errors.ts';
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
