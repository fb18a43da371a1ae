/** The one edit that turns `before` into `after`: common prefix and suffix kept, the middle replaced. */
export interface Splice {
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: string;
}

/** Smallest single splice from `before` to `after` (null when they are equal). */
export function diffSplice(before: string, after: string): Splice | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (
    endB > start &&
    endA > start &&
    before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)
  ) {
    endB--;
    endA--;
  }
  return { index: start, deleteCount: endB - start, insert: after.slice(start, endA) };
}

/** Where a caret at `pos` belongs after `s` was applied by someone else. */
export function shiftCaret(pos: number, s: Splice): number {
  if (pos <= s.index) return pos;
  if (pos >= s.index + s.deleteCount) return pos - s.deleteCount + s.insert.length;
  return s.index + s.insert.length;
}
