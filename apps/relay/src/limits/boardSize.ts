/**
 * The cap on a board's size. Each loaded room's size starts as its encoded state and grows by every
 * applied update: an upper bound, since overwritten and deleted values still count. When that bound
 * would pass the cap, the room is measured again (its encoded state) before anything is refused,
 * so a board whose values were rewritten is not refused for bytes it no longer holds. An update
 * that would really pass the cap is refused before it touches the doc or storage.
 */
import { formatBytes } from '@causeway/core';
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

  /**
   * Whether `bytes` more keep the room within the cap (re-measuring it when the count says no).
   * Socket updates validated but still queued for the turn's transaction count too.
   */
  fits(room: Room, bytes: number): boolean {
    const more = bytes + room.queuedBytes;
    if (this.sizeOf(room) + more <= this.maxBytes) return true;
    const actual = Y.encodeStateAsUpdate(room.doc).byteLength;
    this.sizes.set(room, actual);
    return actual + more <= this.maxBytes;
  }

  /** Throws a ProtocolError (4413) when `bytes` more would pass the cap. */
  check(room: Room, bytes: number): void {
    if (!this.fits(room, bytes))
      throw new ProtocolError(
        CLOSE.boardTooLarge,
        `board size limit: the board would pass ${this.maxBytes} bytes; the update was not saved`,
      );
  }
}

/** A fresh doc holding the room's state, and the update of every transaction written on it. */
function copyOf(room: Room): { copy: Y.Doc; updates: Uint8Array[] } {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array) => updates.push(update));
  return { copy, updates };
}

/** Throws 413 board-too-large when `updates` would take the room past the cap. */
function checkCap(room: Room, limit: BoardSizeLimit, updates: readonly Uint8Array[]): void {
  const bytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
  if (!limit.fits(room, bytes))
    throw new HttpError(
      'board-too-large',
      // The clients already say nothing was imported; the size is what the reader needs.
      `the import would make the board larger than its ${formatBytes(limit.maxBytes)} limit (CAUSEWAY_MAX_BOARD_BYTES)`,
    );
}

/**
 * Runs a REST write (an import) on a copy of the room's doc and applies what it changed to the
 * room only if that keeps the board under the cap: the socket path refuses an update before it
 * touches the doc, and a Yjs transaction cannot be rolled back, so the change is measured first.
 */
export function commitWithinCap<T>(
  room: Room,
  limit: BoardSizeLimit,
  write: (doc: Y.Doc) => T,
  origin: unknown,
): T {
  const { copy, updates } = copyOf(room);
  try {
    const out = write(copy);
    checkCap(room, limit, updates);
    for (const update of updates) Y.applyUpdate(room.doc, update, origin);
    return out;
  } finally {
    copy.destroy();
  }
}

/**
 * `commitWithinCap` for a write in steps (a large import's slices), without holding the relay's
 * event loop for the whole write: the steps run on the copy with a turn between them (only the
 * copy sees them), then the room stores all of them in one transaction and applies them one per turn
 * (`Room.applyStored`), each relayed as its own frame. The caller keeps other writes that must see
 * this one (another import of the same board) from starting until it resolves.
 */
export async function commitStepsWithinCap<T>(
  room: Room,
  limit: BoardSizeLimit,
  write: (doc: Y.Doc) => Generator<unknown, T>,
  origin: unknown,
): Promise<T> {
  const { copy, updates } = copyOf(room);
  try {
    const steps = write(copy);
    let step = steps.next();
    while (!step.done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      step = steps.next();
    }
    checkCap(room, limit, updates);
    if (updates.length > 0) await room.applyStored(updates, origin);
    return step.value;
  } finally {
    copy.destroy();
  }
}
