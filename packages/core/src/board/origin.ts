/**
 * Every write to a board is one `doc.transact(fn, origin)` with one of these origins, so that
 * observers, undo managers and the audit trail can tell a keystroke from an import.
 */
export const ORIGINS = {
  /** A person editing in the board UI. */
  user: 'causeway:user',
  /** A timeline import (UI upload or REST). */
  import: 'causeway:import',
  /** The relay itself (board creation, restore). */
  system: 'causeway:system',
  /** A write-back from an outside tool (Jira issue keys after a push). */
  integration: 'causeway:integration',
} as const;
export type WriteOrigin = (typeof ORIGINS)[keyof typeof ORIGINS];
