import type { Fishbone, FishboneCause } from '@causeway/core';
import { describe, expect, it } from 'vitest';
import { buildFishboneNodes, HEAD_ID, offsetFor, SKELETON_ID } from './buildFishbone.ts';

const cause = (
  id: string,
  categoryId: string,
  parentId: string | null,
  dx = 0,
  dy = 0,
): FishboneCause => ({
  id,
  categoryId,
  parentId,
  text: id,
  dx,
  dy,
  evidence: [],
  createdAt: '',
});

const fishbone: Fishbone = {
  categories: [
    { id: 'a', name: 'People', order: 0 },
    { id: 'b', name: 'Process', order: 1 },
  ],
  causes: [cause('sub', 'a', 'top', 3, 4), cause('top', 'a', null, 10, -5)],
};

describe('buildFishboneNodes', () => {
  it('emits skeleton, head, categories, then causes with parents before children', () => {
    const { nodes } = buildFishboneNodes({ problem: 'p', fishbone }, new Map());
    expect(nodes.map((n) => n.id)).toEqual([SKELETON_ID, HEAD_ID, 'a', 'b', 'top', 'sub']);
    expect(nodes.find((n) => n.id === 'sub')?.parentId).toBe('top');
  });

  it('applies stored drag offsets, and offsetFor inverts them', () => {
    const { nodes, layout } = buildFishboneNodes({ problem: 'p', fishbone }, new Map());
    for (const id of ['top', 'sub']) {
      const n = nodes.find((x) => x.id === id)!;
      const c = fishbone.causes.find((x) => x.id === id)!;
      expect(offsetFor(layout, id, n.position)).toEqual({ dx: c.dx, dy: c.dy });
    }
  });
});
