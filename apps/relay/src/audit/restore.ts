/**
 * Restore-to-snapshot as a new change, not a rewrite: on a scratch doc holding the snapshot, apply
 * everything the live board gained since (its missing structs and its delete set), then undo that
 * with a Yjs UndoManager. Undo deletes what was added and re-inserts copies of what was deleted,
 * so the scratch doc shows the snapshot's content again while its history only grew; the diff
 * from the live state vector is one ordinary update every client merges.
 */
import { boardRoots } from '@causeway/core';
import * as Y from 'yjs';

const CATCH_UP = Symbol('causeway:catch-up');

/** The update that, applied to `live`, makes its content equal to `snapshotState`'s. */
export function restoreUpdate(live: Y.Doc, snapshotState: Uint8Array): Uint8Array {
  const scratch = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(scratch, snapshotState);
    // Roots created after the snapshot must be in scope too, or their content would survive.
    const undo = new Y.UndoManager(boardRoots(scratch), {
      trackedOrigins: new Set([CATCH_UP]),
      captureTimeout: 0,
    });
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live, Y.encodeStateVector(scratch)), CATCH_UP);
    while (undo.canUndo()) undo.undo();
    undo.destroy();
    return Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(live));
  } finally {
    scratch.destroy();
  }
}
