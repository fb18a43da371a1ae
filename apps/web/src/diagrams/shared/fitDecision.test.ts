import { describe, expect, it } from 'vitest';
import { fitReason, onScreen, viewportMoved } from './fitDecision.ts';

const pane = { width: 800, height: 600 };
const inside = { x: 10, y: 10, width: 700, height: 500 };

describe('fitReason', () => {
  it('fits first once the pane has a size', () => {
    const fresh = { fittedPane: null, userMoved: false };
    expect(fitReason(fresh, pane, inside)).toBe('first');
    // A hidden tab has no size yet: fitting then would fit into nothing.
    expect(fitReason(fresh, { width: 0, height: 600 }, inside)).toBeNull();
  });

  it('refits when the pane changes size, even if the content still fits', () => {
    const fitted = { fittedPane: { width: 600, height: 600 }, userMoved: false };
    expect(fitReason(fitted, pane, inside)).toBe('resized');
  });

  it('refits when new content spills out of the pane, on any side', () => {
    const fitted = { fittedPane: pane, userMoved: false };
    expect(fitReason(fitted, pane, inside)).toBeNull();
    expect(fitReason(fitted, pane, { ...inside, x: -40 })).toBe('overflow');
    expect(fitReason(fitted, pane, { ...inside, height: 640 })).toBe('overflow');
  });

  it('never moves a view the person has panned or zoomed', () => {
    const moved = { fittedPane: pane, userMoved: true };
    expect(fitReason(moved, pane, { ...inside, x: -400 })).toBeNull();
    expect(fitReason(moved, { width: 1200, height: 600 }, inside)).toBeNull();
  });
});

describe('viewportMoved', () => {
  it('is false for a press that moved nothing, true for a pan or a zoom', () => {
    const at = { x: 539.6, y: 324.5, zoom: 0.88 };
    expect(viewportMoved(at, { ...at })).toBe(false);
    expect(viewportMoved(at, { ...at, x: at.x + 0.2 })).toBe(false);
    expect(viewportMoved(at, { ...at, x: at.x + 12 })).toBe(true);
    expect(viewportMoved(at, { ...at, y: at.y - 3 })).toBe(true);
    expect(viewportMoved(at, { ...at, zoom: 0.9 })).toBe(true);
  });
});

describe('onScreen', () => {
  it('maps flow bounds through the viewport transform', () => {
    expect(
      onScreen({ x: -100, y: 50, width: 200, height: 100 }, { x: 300, y: 20, zoom: 0.5 }),
    ).toEqual({ x: 250, y: 45, width: 100, height: 50 });
  });
});
