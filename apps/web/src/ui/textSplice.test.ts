import { describe, expect, it } from 'vitest';
import { diffSplice, shiftCaret } from './textSplice.ts';

const apply = (s: string, d: { index: number; deleteCount: number; insert: string }) =>
  s.slice(0, d.index) + d.insert + s.slice(d.index + d.deleteCount);

describe('diffSplice', () => {
  it('finds the single edit between two strings', () => {
    for (const [a, b] of [
      ['hello world', 'hello brave world'],
      ['hello world', 'hello'],
      ['aaa', 'aaaa'],
      ['', 'x'],
      ['abc', 'xyz'],
      ['level: high\n', 'level: critical\n'],
    ] as const) {
      const d = diffSplice(a, b);
      expect(d, `${a} → ${b}`).not.toBeNull();
      expect(apply(a, d as NonNullable<typeof d>)).toBe(b);
    }
    expect(diffSplice('same', 'same')).toBeNull();
  });

  it('keeps a caret after a remote insert before it, and in place for one after it', () => {
    const s = { index: 2, deleteCount: 0, insert: 'xyz' };
    expect(shiftCaret(5, s)).toBe(8);
    expect(shiftCaret(1, s)).toBe(1);
    expect(shiftCaret(4, { index: 2, deleteCount: 4, insert: '' })).toBe(2);
  });
});
