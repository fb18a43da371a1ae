import { describe, expect, it } from 'vitest';
import { FISHBONE, type FishboneLayoutInput, layoutFishbone, type Size } from './layoutFishbone.ts';

const cats = ['people', 'process', 'tech', 'detection', 'identity', 'third'].map((id) => ({ id }));

function realistic(): FishboneLayoutInput {
  const causes: { id: string; categoryId: string; parentId: string | null }[] = [];
  const sizes = new Map<string, Size>([['head', { width: 280, height: 130 }]]);
  cats.forEach((c, i) => {
    sizes.set(c.id, { width: 150 + i * 10, height: 56 });
    for (let k = 0; k < (i % 3) + 1; k++) {
      const id = `${c.id}-${k}`;
      causes.push({ id, categoryId: c.id, parentId: null });
      sizes.set(id, { width: 200, height: 40 + k * 18 });
      if (k === 0 && i % 2 === 0) {
        for (let s = 0; s < 2; s++) {
          causes.push({ id: `${id}-s${s}`, categoryId: c.id, parentId: id });
          sizes.set(`${id}-s${s}`, { width: 170, height: 36 });
        }
      }
    }
  });
  return {
    headId: 'head',
    categories: cats,
    causes,
    size: (id) => sizes.get(id) ?? { width: 100, height: 30 },
  };
}

describe('layoutFishbone', () => {
  it('puts bones alternately above and below, moving left in pairs', () => {
    const l = layoutFishbone(realistic());
    expect(l.bones.map((b) => b.side)).toEqual([
      'above',
      'below',
      'above',
      'below',
      'above',
      'below',
    ]);
    const xs = l.bones.map((b) => b.from.x);
    expect(xs[0]).toBe(xs[1]);
    expect(xs[2]).toBeLessThan(xs[0]!);
    expect(xs[4]).toBeLessThan(xs[2]!);
    // Slanted away from the head: the far end is left of the junction.
    for (const b of l.bones) expect(b.to.x).toBeLessThan(b.from.x);
  });

  it('keeps every box clear of every other box', () => {
    const input = realistic();
    const l = layoutFishbone(input);
    const boxes = [...l.positions].map(([id, p]) => ({ id, ...p, ...input.size(id) }));
    for (const a of boxes) {
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('keeps the head right of everything and the spine ending at the head', () => {
    const input = realistic();
    const l = layoutFishbone(input);
    const head = l.positions.get('head')!;
    for (const [id, p] of l.positions)
      if (id !== 'head') expect(p.x + input.size(id).width).toBeLessThan(head.x);
    expect(l.spine.headX).toBe(head.x);
    expect(l.spine.tailX).toBeLessThan(Math.min(...l.bones.map((b) => b.from.x)));
  });

  it('attaches each rib to its bone, right of the cause text and at the text baseline', () => {
    const input = realistic();
    const l = layoutFishbone(input);
    for (const [id, rib] of l.ribs) {
      const cause = input.causes.find((c) => c.id === id)!;
      const bone = l.bones.find((b) => b.categoryId === cause.categoryId)!;
      const expectedX = bone.from.x - FISHBONE.slant * Math.abs(rib.y);
      expect(rib.x).toBeCloseTo(expectedX, 5);
      const p = l.positions.get(id)!;
      const s = input.size(id);
      expect(rib.y).toBeCloseTo(p.y + s.height, 0);
      expect(p.x + s.width).toBeLessThanOrEqual(rib.x);
    }
  });

  it('grows a bone with its causes', () => {
    const base = realistic();
    const short = layoutFishbone({ ...base, causes: [] });
    const long = layoutFishbone(base);
    const len = (l: typeof long, id: string) =>
      Math.abs(l.bones.find((b) => b.categoryId === id)!.to.y);
    expect(len(short, 'tech')).toBe(FISHBONE.minBone);
    expect(len(long, 'tech')).toBeGreaterThan(len(short, 'tech'));
  });

  it('maps sub-causes to their top-level cause', () => {
    const l = layoutFishbone(realistic());
    expect(l.topOf.get('people-0-s1')).toBe('people-0');
    expect(l.topOf.has('people-0')).toBe(false);
  });
});
