/**
 * Turns the doc's whys into React Flow nodes and edges. Pure, so the data each node gets is
 * easy to compare (node objects are reused when it did not change, see shared/reconcile.ts).
 */
import type { TimelineEvent, WhyNode } from '@causeway/core';
import type { Edge } from '@xyflow/react';
import { type EvidenceChip, evidenceChips } from '../shared/eventLabel.ts';
import type { DesiredNode } from '../shared/reconcile.ts';
import { layoutTree, type Point } from './layoutWhys.ts';

/** The problem statement's node id; whys use generated ids that never collide with it. */
export const PROBLEM_ID = 'problem';

export interface ProblemData extends Record<string, unknown> {
  readonly problem: string;
  readonly childCount: number;
}

export interface WhyData extends Record<string, unknown> {
  readonly id: string;
  readonly text: string;
  readonly depth: number;
  readonly isRootCause: boolean;
  readonly evidence: readonly string[];
  readonly chips: readonly EvidenceChip[];
  /** How many whys a delete takes with it (the node itself included). */
  readonly cascade: number;
}

type Size = { readonly width: number; readonly height: number };
const DEFAULT_SIZE: Size = { width: 360, height: 80 };

export interface WhysModel {
  readonly problem: string;
  readonly whys: readonly WhyNode[];
  readonly timeline: readonly TimelineEvent[];
}

/** Depth of each why: answers to the problem are "Why 1". */
export function depths(whys: readonly WhyNode[]): Map<string, number> {
  const byId = new Map(whys.map((w) => [w.id, w]));
  const out = new Map<string, number>();
  const depthOf = (w: WhyNode, guard: number): number => {
    const known = out.get(w.id);
    if (known !== undefined) return known;
    const parent = w.parentId === null ? undefined : byId.get(w.parentId);
    const d = parent && guard < 1000 ? depthOf(parent, guard + 1) + 1 : 1;
    out.set(w.id, d);
    return d;
  };
  for (const w of whys) depthOf(w, 0);
  return out;
}

function descendantCounts(whys: readonly WhyNode[]): Map<string, number> {
  const children = new Map<string, string[]>();
  for (const w of whys)
    if (w.parentId !== null) children.set(w.parentId, [...(children.get(w.parentId) ?? []), w.id]);
  const count = (id: string): number =>
    1 + (children.get(id) ?? []).reduce((s, c) => s + count(c), 0);
  return new Map(whys.map((w) => [w.id, count(w.id)]));
}

/** Desired nodes with dagre positions computed from `sizes` (defaults until measured). */
export function buildWhyNodes(model: WhysModel, sizes: ReadonlyMap<string, Size>): DesiredNode[] {
  const size = (id: string) => sizes.get(id) ?? DEFAULT_SIZE;
  const pos = layoutTree([
    { id: PROBLEM_ID, parentId: null, ...size(PROBLEM_ID) },
    ...model.whys.map((w) => ({ id: w.id, parentId: w.parentId ?? PROBLEM_ID, ...size(w.id) })),
  ]);
  const at = (id: string): Point => pos.get(id) ?? { x: 0, y: 0 };
  const d = depths(model.whys);
  const cascade = descendantCounts(model.whys);
  const problem: DesiredNode = {
    id: PROBLEM_ID,
    type: 'problem',
    position: at(PROBLEM_ID),
    draggable: false,
    data: {
      problem: model.problem,
      childCount: model.whys.filter((w) => w.parentId === null).length,
    } satisfies ProblemData,
  };
  return [
    problem,
    ...model.whys.map(
      (w): DesiredNode => ({
        id: w.id,
        type: 'why',
        position: at(w.id),
        draggable: false,
        data: {
          id: w.id,
          text: w.text,
          depth: d.get(w.id) ?? 1,
          isRootCause: w.isRootCause,
          evidence: w.evidence,
          chips: evidenceChips(w.evidence, model.timeline),
          cascade: cascade.get(w.id) ?? 1,
        } satisfies WhyData,
      }),
    ),
  ];
}

/** Parent → child edges; the path from the problem down to a root cause is highlighted. */
export function buildWhyEdges(whys: readonly WhyNode[]): Edge[] {
  const byId = new Map(whys.map((w) => [w.id, w]));
  const onPath = new Set<string>();
  for (const w of whys) {
    if (!w.isRootCause) continue;
    let cur: WhyNode | undefined = w;
    while (cur && !onPath.has(cur.id)) {
      onPath.add(cur.id);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
  }
  return whys.map((w) => ({
    id: `e-${w.id}`,
    source: w.parentId ?? PROBLEM_ID,
    target: w.id,
    type: 'smoothstep',
    selectable: false,
    focusable: false,
    className: onPath.has(w.id) ? 'cw-edge-rc' : 'cw-edge',
  }));
}
