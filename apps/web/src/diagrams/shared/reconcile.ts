/**
 * Merges freshly derived nodes into React Flow's current list. A node whose type, position,
 * parent and data did not change keeps its old object: React Flow then skips re-measuring it
 * (a new object without `measured` flickers, see shared/REACT-FLOW-YJS.md).
 */
import type { Node } from '@xyflow/react';
import { plainEqual } from './plainEqual.ts';

/** What a diagram wants a node to be; per-user fields (selected, measured…) are never set here. */
export type DesiredNode = Pick<Node, 'id' | 'type' | 'position' | 'data'> &
  Partial<
    Pick<
      Node,
      | 'parentId'
      | 'draggable'
      | 'selectable'
      | 'focusable'
      | 'zIndex'
      | 'width'
      | 'height'
      | 'ariaLabel'
    >
  >;

const KEYS = [
  'type',
  'parentId',
  'draggable',
  'selectable',
  'focusable',
  'zIndex',
  'width',
  'height',
  'ariaLabel',
] as const;

function samePos(a: Node['position'], b: Node['position']): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
}

/** Returns `prev` itself when nothing changed, so setState bails out and nothing re-renders. */
export function reconcileNodes(prev: readonly Node[], desired: readonly DesiredNode[]): Node[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  let changed = prev.length !== desired.length;
  const out = desired.map((d, i) => {
    const old = byId.get(d.id);
    if (!old) {
      changed = true;
      return { ...d } as Node;
    }
    // A node the local user is dragging keeps its local position until the drag commits.
    const position = old.dragging ? old.position : d.position;
    const same =
      samePos(old.position, position) &&
      KEYS.every((k) => old[k] === d[k]) &&
      plainEqual(old.data, d.data);
    if (same && prev[i] === old) return old;
    changed = true;
    if (same) return old;
    const next: Node = { ...old, position, data: d.data };
    for (const k of KEYS) {
      if (d[k] === undefined) delete next[k];
      else (next as Record<string, unknown>)[k] = d[k];
    }
    return next;
  });
  return changed ? out : (prev as Node[]);
}

/** Measured sizes by id, for layouts that need real node sizes. */
export function measuredSizes(
  nodes: readonly Node[],
): Map<string, { width: number; height: number }> {
  const out = new Map<string, { width: number; height: number }>();
  for (const n of nodes) {
    if (n.measured?.width && n.measured.height)
      out.set(n.id, { width: n.measured.width, height: n.measured.height });
  }
  return out;
}

/** A string that changes exactly when some measured size changes (an effect dependency). */
export function sizesKey(nodes: readonly Node[]): string {
  return nodes
    .map(
      (n) => `${n.id}:${Math.round(n.measured?.width ?? 0)}x${Math.round(n.measured?.height ?? 0)}`,
    )
    .join('|');
}
