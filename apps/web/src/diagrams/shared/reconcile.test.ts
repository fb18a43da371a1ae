import type { Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { type DesiredNode, reconcileNodes } from './reconcile.ts';

const want = (id: string, x: number, text: string): DesiredNode => ({
  id,
  type: 't',
  position: { x, y: 0 },
  data: { text, tags: ['a'] },
});

describe('reconcileNodes', () => {
  it('returns the same array when nothing changed, so React bails out', () => {
    const prev = reconcileNodes([], [want('a', 0, 'x'), want('b', 10, 'y')]);
    expect(reconcileNodes(prev, [want('a', 0, 'x'), want('b', 10, 'y')])).toBe(prev);
  });

  it('reuses unchanged node objects and keeps measured/selected on changed ones', () => {
    const prev: Node[] = reconcileNodes([], [want('a', 0, 'x'), want('b', 10, 'y')]).map((n) => ({
      ...n,
      measured: { width: 100, height: 40 },
      selected: n.id === 'b',
    }));
    const next = reconcileNodes(prev, [want('a', 0, 'x'), want('b', 10, 'changed')]);
    expect(next[0]).toBe(prev[0]);
    expect(next[1]).not.toBe(prev[1]);
    expect(next[1]?.measured).toEqual({ width: 100, height: 40 });
    expect(next[1]?.selected).toBe(true);
    expect(next[1]?.data).toEqual({ text: 'changed', tags: ['a'] });
  });

  it('keeps the local position of a node being dragged', () => {
    const prev: Node[] = [
      { ...want('a', 0, 'x'), position: { x: 55, y: 5 }, dragging: true } as Node,
    ];
    const next = reconcileNodes(prev, [want('a', 0, 'x')]);
    expect(next[0]?.position).toEqual({ x: 55, y: 5 });
  });

  it('adds and removes nodes', () => {
    const prev = reconcileNodes([], [want('a', 0, 'x'), want('b', 0, 'y')]);
    const next = reconcileNodes(prev, [want('b', 0, 'y'), want('c', 0, 'z')]);
    expect(next.map((n) => n.id)).toEqual(['b', 'c']);
    expect(next[0]).toBe(prev[1]);
  });

  it('drops an optional key the new description no longer sets', () => {
    const prev = reconcileNodes([], [{ ...want('a', 0, 'x'), parentId: 'p' }]);
    const next = reconcileNodes(prev, [want('a', 0, 'x')]);
    expect('parentId' in (next[0] as object)).toBe(false);
  });
});
