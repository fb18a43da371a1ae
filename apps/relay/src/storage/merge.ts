/** The one rule every backend's compaction follows, so two relays compacting at once lose nothing. */
import * as Y from 'yjs';

/**
 * The row that replaces `covered`: the caller's state merged with every row it replaces. Rows
 * another relay appended that the caller's doc never saw are thereby kept, and merging is
 * idempotent, so a state that already contains them costs only the merge.
 */
export function compactedRow(state: Uint8Array, covered: readonly Uint8Array[]): Uint8Array {
  return covered.length === 0 ? state : Y.mergeUpdates([state, ...covered]);
}
