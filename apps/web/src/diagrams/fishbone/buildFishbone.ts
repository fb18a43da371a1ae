/**
 * Turns the doc's fishbone into React Flow nodes: one skeleton node (spine and bones, drawn
 * under everything), the head, one label per category and one node per cause. Pure.
 */
import type { Fishbone } from '@causeway/core';
import type { DesiredNode } from '../shared/reconcile.ts';
import {
  type Bone,
  type FishboneLayout,
  layoutFishbone,
  type Point,
  type Size,
} from './layoutFishbone.ts';

export const HEAD_ID = 'fishbone-head';
export const SKELETON_ID = 'fishbone-skeleton';

/** One colour per bone, so a cause reads as belonging to its category at a glance. */
const PALETTE = [
  '#7c3aed',
  '#0369a1',
  '#047857',
  '#b45309',
  '#be123c',
  '#4338ca',
  '#0f766e',
  '#a21caf',
];
export const colorAt = (i: number): string => PALETTE[i % PALETTE.length] as string;

export interface HeadData extends Record<string, unknown> {
  readonly problem: string;
}
export interface CategoryData extends Record<string, unknown> {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly side: 'above' | 'below';
  readonly causeCount: number;
}
export interface CauseData extends Record<string, unknown> {
  readonly id: string;
  readonly categoryId: string;
  readonly text: string;
  readonly evidence: readonly string[];
  readonly color: string;
  /** Where the rib meets the bone (absolute); null for a sub-cause, which hangs off its cause. */
  readonly rib: Point | null;
  readonly isSub: boolean;
  readonly subCount: number;
}
export interface SkeletonData extends Record<string, unknown> {
  readonly bones: readonly (Bone & { readonly color: string })[];
  readonly tailX: number;
  readonly headX: number;
  /** Absolute position of the skeleton node; the SVG draws relative to it. */
  readonly origin: Point;
}

/** First-render guesses, matching diagrams.css widths; measured sizes replace them at once. */
const DEFAULTS = {
  head: { width: 200, height: 110 },
  category: { width: 170, height: 60 },
  cause: { width: 140, height: 48 },
  sub: { width: 130, height: 46 },
} as const;

export interface FishboneModel {
  readonly problem: string;
  readonly fishbone: Fishbone;
}

export interface BuiltFishbone {
  readonly nodes: DesiredNode[];
  readonly layout: FishboneLayout;
}

export function buildFishboneNodes(
  model: FishboneModel,
  sizes: ReadonlyMap<string, Size>,
): BuiltFishbone {
  const { categories, causes } = model.fishbone;
  const catIds = new Set(categories.map((c) => c.id));
  const kindOf = new Map<string, Size>([[HEAD_ID, DEFAULTS.head]]);
  for (const c of categories) kindOf.set(c.id, DEFAULTS.category);
  for (const c of causes) kindOf.set(c.id, c.parentId === null ? DEFAULTS.cause : DEFAULTS.sub);
  const size = (id: string) => sizes.get(id) ?? kindOf.get(id) ?? DEFAULTS.cause;

  const layout = layoutFishbone({ headId: HEAD_ID, categories, causes, size });
  const at = (id: string) => layout.positions.get(id) ?? { x: 0, y: 0 };
  const colorOf = new Map(categories.map((c, i) => [c.id, colorAt(i)]));
  const sideOf = new Map(layout.bones.map((b) => [b.categoryId, b.side]));
  const byId = new Map(causes.map((c) => [c.id, c]));

  const ends = layout.bones.flatMap((b) => [b.from, b.to]);
  const head = at(HEAD_ID);
  const minX = Math.min(layout.spine.tailX - 40, ...ends.map((p) => p.x));
  const minY = Math.min(head.y, ...ends.map((p) => p.y)) - 4;
  const maxY = Math.max(head.y + size(HEAD_ID).height, ...ends.map((p) => p.y)) + 4;
  const skeleton: DesiredNode = {
    id: SKELETON_ID,
    type: 'skeleton',
    position: { x: minX, y: minY },
    // A fixed size: React Flow shows it at once instead of hiding it until measured.
    width: Math.ceil(head.x - minX),
    height: Math.ceil(maxY - minY),
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
    data: {
      bones: layout.bones.map((b) => ({ ...b, color: colorOf.get(b.categoryId) ?? '#334155' })),
      tailX: layout.spine.tailX,
      headX: layout.spine.headX,
      origin: { x: minX, y: minY },
    } satisfies SkeletonData,
  };

  const nodes: DesiredNode[] = [
    skeleton,
    {
      id: HEAD_ID,
      type: 'head',
      position: head,
      draggable: false,
      data: { problem: model.problem } satisfies HeadData,
    },
    ...categories.map(
      (c): DesiredNode => ({
        id: c.id,
        type: 'category',
        position: at(c.id),
        draggable: false,
        data: {
          id: c.id,
          name: c.name,
          color: colorOf.get(c.id) ?? '#334155',
          side: sideOf.get(c.id) ?? 'above',
          causeCount: causes.filter((x) => x.categoryId === c.id).length,
        } satisfies CategoryData,
      }),
    ),
  ];
  // Parents before children: React Flow needs a parent node to exist before its sub-nodes.
  const ordered = [
    ...causes.filter((c) => c.parentId === null),
    ...causes.filter((c) => c.parentId !== null),
  ];
  for (const c of ordered) {
    if (!catIds.has(c.categoryId) || !layout.positions.has(c.id)) continue;
    const base = at(c.id);
    const top = layout.topOf.get(c.id);
    const topCause = top === undefined ? undefined : byId.get(top);
    const data: CauseData = {
      id: c.id,
      categoryId: c.categoryId,
      text: c.text,
      evidence: c.evidence,
      color: colorOf.get(c.categoryId) ?? '#334155',
      rib: layout.ribs.get(c.id) ?? null,
      isSub: topCause !== undefined,
      subCount: causes.filter((x) => layout.topOf.get(x.id) === c.id).length,
    };
    if (topCause) {
      // Sub-causes are children of their cause, so dragging the cause carries them along.
      const topBase = at(topCause.id);
      nodes.push({
        id: c.id,
        type: 'cause',
        parentId: topCause.id,
        position: { x: base.x - topBase.x + c.dx, y: base.y - topBase.y + c.dy },
        data,
      });
    } else {
      nodes.push({
        id: c.id,
        type: 'cause',
        position: { x: base.x + c.dx, y: base.y + c.dy },
        data,
      });
    }
  }
  return { nodes, layout };
}

/**
 * The drag offset to store for a cause React Flow moved to `position` (relative to its parent
 * for a sub-cause), given the layout the node was placed by.
 */
export function offsetFor(
  layout: FishboneLayout,
  id: string,
  position: Point,
): { dx: number; dy: number } | null {
  const base = layout.positions.get(id);
  if (!base) return null;
  const top = layout.topOf.get(id);
  const origin = top === undefined ? { x: 0, y: 0 } : layout.positions.get(top);
  if (!origin) return null;
  return {
    dx: Math.round(position.x - (base.x - origin.x)),
    dy: Math.round(position.y - (base.y - origin.y)),
  };
}
