import { describe, expect, it } from 'vitest';
import { placePopover } from './placePopover.ts';

const view = { width: 1280, height: 800 };

describe('placePopover', () => {
  it('opens below a button with room under it', () => {
    const p = placePopover({ left: 100, top: 100, bottom: 120 }, view);
    expect(p).toMatchObject({ left: 100, top: 126, maxHeight: 800 - 126 - 8 });
  });

  it('moves left so a button near the right edge does not push it off screen', () => {
    const p = placePopover({ left: 1200, top: 100, bottom: 120 }, view);
    expect(p.left + p.width).toBeLessThanOrEqual(1280 - 8);
  });

  it('opens above a button near the bottom, capped to the room above', () => {
    const p = placePopover({ left: 100, top: 700, bottom: 720 }, view);
    expect(p.top).toBeUndefined();
    expect(p.bottom).toBe(800 - 700 + 6);
    expect(p.maxHeight).toBe(700 - 6 - 8);
  });

  it('fits a window narrower than its usual width', () => {
    const p = placePopover({ left: 0, top: 0, bottom: 20 }, { width: 300, height: 800 });
    expect(p.left).toBe(8);
    expect(p.width).toBe(284);
  });
});
