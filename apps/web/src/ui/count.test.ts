import { describe, expect, it } from 'vitest';
import { count, plural } from './count.ts';

describe('count and plural', () => {
  it('separates thousands', () => {
    expect(count(50000)).toBe('50,000');
    expect(count(999)).toBe('999');
  });

  it('says one board, two boards, and takes an irregular plural', () => {
    expect(plural(1, 'board')).toBe('1 board');
    expect(plural(0, 'board')).toBe('0 boards');
    expect(plural(12000, 'event')).toBe('12,000 events');
    expect(plural(2, 'board has', 'boards have')).toBe('2 boards have');
  });
});
