import { describe, expect, it } from 'vitest';
import { layoutTree, TREE_SPACING, type TreeItem } from './layoutWhys.ts';

const item = (id: string, parentId: string | null, width = 200, height = 80): TreeItem => ({
  id,
  parentId,
  width,
  height,
});

describe('layoutTree', () => {
  it('puts each child a rank below its parent, top-left based', () => {
    const pos = layoutTree([item('root', null, 300, 100), item('a', 'root'), item('b', 'a')]);
    const root = pos.get('root');
    const a = pos.get('a');
    const b = pos.get('b');
    expect(root && a && b).toBeTruthy();
    if (!root || !a || !b) return;
    expect(a.y).toBeGreaterThanOrEqual(root.y + 100 + TREE_SPACING.ranksep - 1);
    expect(b.y).toBeGreaterThan(a.y + 80);
    // Centred under the parent: centres line up.
    expect(a.x + 100).toBeCloseTo(root.x + 150, 0);
  });

  it('places siblings side by side without overlap, in input order', () => {
    const pos = layoutTree([
      item('root', null),
      item('a', 'root', 240),
      item('b', 'root', 240),
      item('c', 'root', 240),
    ]);
    const xs = ['a', 'b', 'c'].map((id) => pos.get(id)?.x ?? Number.NaN);
    expect(xs[1]! - xs[0]!).toBeGreaterThanOrEqual(240);
    expect(xs[2]! - xs[1]!).toBeGreaterThanOrEqual(240);
  });

  it('does not overlap any two nodes in a branching tree', () => {
    const items = [
      item('r', null, 320, 120),
      item('1', 'r', 260, 140),
      item('2', '1', 260, 90),
      item('2b', '1', 260, 200),
      item('3', '2', 260, 90),
      item('4', '3', 260, 90),
      item('5', '4', 260, 90),
    ];
    const pos = layoutTree(items);
    for (const a of items) {
      for (const b of items) {
        if (a.id >= b.id) continue;
        const pa = pos.get(a.id)!;
        const pb = pos.get(b.id)!;
        const apart =
          pa.x + a.width <= pb.x ||
          pb.x + b.width <= pa.x ||
          pa.y + a.height <= pb.y ||
          pb.y + b.height <= pa.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });
});
