/**
 * Top-to-bottom tree layout for the 5 Whys with dagre, from measured node sizes.
 * Pure: no React, no doc. dagre returns centre points; React Flow wants top-left corners.
 */
import dagre from '@dagrejs/dagre';

export interface TreeItem {
  readonly id: string;
  readonly parentId: string | null;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const TREE_SPACING = { nodesep: 28, ranksep: 46 } as const;

/** Top-left position of every item; items whose parent is missing are laid out as extra roots. */
export function layoutTree(items: readonly TreeItem[]): Map<string, Point> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', ...TREE_SPACING, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(items.map((i) => i.id));
  for (const i of items) g.setNode(i.id, { width: i.width, height: i.height });
  const lastChild = new Map<string, string>();
  const constraints: { left: string; right: string }[] = [];
  for (const i of items) {
    if (i.parentId === null || !ids.has(i.parentId)) continue;
    g.setEdge(i.parentId, i.id);
    const prev = lastChild.get(i.parentId);
    if (prev !== undefined) constraints.push({ left: prev, right: i.id });
    lastChild.set(i.parentId, i.id);
  }
  // Siblings stay in creation order, so adding a why never reshuffles the ones people are reading.
  dagre.layout(g, { constraints });
  const out = new Map<string, Point>();
  for (const i of items) {
    const n = g.node(i.id) as { x: number; y: number } | undefined;
    if (n) out.set(i.id, { x: Math.round(n.x - i.width / 2), y: Math.round(n.y - i.height / 2) });
  }
  return out;
}
