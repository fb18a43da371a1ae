/**
 * Ishikawa layout, as Mermaid's `ishikawa` and AntV G6 draw it: head on the right, spine running
 * left, category bones alternating above/below at a slant and moving left in pairs, each bone as
 * long as its causes need; causes are horizontal ribs (text sits on the rib) stacked along the
 * bone, sub-causes hang below their cause on a short sub-bone parallel to the main bone.
 * Pure: sizes in, top-left positions and skeleton geometry out (y grows downwards, spine at y=0).
 */

export interface Size {
  readonly width: number;
  readonly height: number;
}
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface FishboneLayoutInput {
  readonly headId: string;
  readonly categories: readonly { readonly id: string }[];
  /** In display order (oldest first); parentId null = cause on the bone itself. */
  readonly causes: readonly {
    readonly id: string;
    readonly categoryId: string;
    readonly parentId: string | null;
  }[];
  readonly size: (id: string) => Size;
}

export interface Bone {
  readonly categoryId: string;
  readonly side: 'above' | 'below';
  /** Junction on the spine. */
  readonly from: Point;
  /** Far end, where the category label sits. */
  readonly to: Point;
}

export interface FishboneLayout {
  /** Top-left of the head, every category label and every cause (before drag offsets). */
  readonly positions: ReadonlyMap<string, Point>;
  /** Where each cause's rib meets its bone (top-level causes only). */
  readonly ribs: ReadonlyMap<string, Point>;
  /** Top-level cause of each sub-cause: sub-causes move with it. */
  readonly topOf: ReadonlyMap<string, string>;
  readonly bones: readonly Bone[];
  readonly spine: { readonly tailX: number; readonly headX: number };
}

export const FISHBONE = {
  /** Horizontal run of a bone per unit of height (≈72° from the spine): steep bones keep a
   *  six-bone fish narrow enough to stay readable when fitted into the middle column. */
  slant: 0.33,
  /** Distance from the spine to the first cause block. */
  first: 38,
  blockGap: 14,
  subGap: 6,
  /** The sub-bone leaves the rib this far left of the cause's right edge. */
  subIndent: 20,
  /** Clearance between a text box and the bone line. */
  margin: 10,
  pairGap: 22,
  endPad: 14,
  minBone: 120,
  headGap: 44,
  tail: 36,
} as const;

interface Placed {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Lays out one bone with its junction at x=0; returns boxes, ribs, end point and left extent. */
function layoutBone(
  categoryId: string,
  side: 'above' | 'below',
  tops: readonly string[],
  subsOf: ReadonlyMap<string, readonly string[]>,
  size: (id: string) => Size,
) {
  const F = FISHBONE;
  const sign = side === 'above' ? -1 : 1;
  const boneX = (y: number) => -F.slant * Math.abs(y);
  const boxes: Placed[] = [];
  const ribs = new Map<string, Point>();
  let cursor = F.first;
  for (const top of tops) {
    const c = size(top);
    const subs = (subsOf.get(top) ?? []).map((id) => ({ id, ...size(id) }));
    const blockH = c.height + subs.reduce((s, x) => s + F.subGap + x.height, 0);
    const blockTop = side === 'above' ? -(cursor + blockH) : cursor;
    const ribY = blockTop + c.height;
    // The whole text box stays left of the slanted bone; the rib line bridges the gap.
    const right = Math.min(boneX(blockTop), boneX(ribY)) - F.margin;
    boxes.push({ id: top, x: right - c.width, y: blockTop, w: c.width, h: c.height });
    ribs.set(top, { x: boneX(ribY), y: ribY });
    const subStart = right - F.subIndent;
    let y = ribY;
    for (const s of subs) {
      const sTop = y + F.subGap;
      const sRib = sTop + s.height;
      const sRight = Math.min(
        subStart - F.slant * (sRib - ribY),
        boneX(sTop) - F.margin,
        boneX(sRib) - F.margin,
      );
      boxes.push({ id: s.id, x: sRight - s.width, y: sTop, w: s.width, h: s.height });
      y = sRib;
    }
    cursor += blockH + F.blockGap;
  }
  const length = Math.max(F.minBone, tops.length > 0 ? cursor - F.blockGap + F.endPad : 0);
  const end = { x: boneX(length), y: sign * length };
  const label = size(categoryId);
  // The label hangs off the bone's end like a flag, to the left, so it never reaches into the
  // neighbouring pair on the right.
  const labelBox: Placed = {
    id: categoryId,
    x: end.x - label.width + 14,
    y: side === 'above' ? end.y - label.height : end.y,
    w: label.width,
    h: label.height,
  };
  boxes.push(labelBox);
  // How far content reaches left of this bone's line, at its own height (bones are parallel).
  const extent = Math.max(0, ...boxes.map((b) => Math.max(boneX(b.y), boneX(b.y + b.h)) - b.x));
  return { boxes, ribs, end, extent };
}

/** Positions every node of the fishbone and the skeleton lines between them. */
export function layoutFishbone(input: FishboneLayoutInput): FishboneLayout {
  const F = FISHBONE;
  const byId = new Map(input.causes.map((c) => [c.id, c]));
  const topOf = new Map<string, string>();
  const topId = (id: string): string => {
    let cur = byId.get(id);
    for (let guard = 0; cur && cur.parentId !== null && guard < 100; guard++) {
      const parent = byId.get(cur.parentId);
      if (!parent) break;
      cur = parent;
    }
    return cur?.id ?? id;
  };
  const topsOf = new Map<string, string[]>();
  const subsOf = new Map<string, string[]>();
  for (const c of input.causes) {
    if (c.parentId === null) topsOf.set(c.categoryId, [...(topsOf.get(c.categoryId) ?? []), c.id]);
    else {
      const t = topId(c.id);
      if (t === c.id) continue;
      topOf.set(c.id, t);
      subsOf.set(t, [...(subsOf.get(t) ?? []), c.id]);
    }
  }

  const head = input.size(input.headId);
  const positions = new Map<string, Point>([[input.headId, { x: 0, y: -head.height / 2 }]]);
  const ribs = new Map<string, Point>();
  const bones: Bone[] = [];
  let junction = -F.headGap;
  for (let p = 0; p * 2 < input.categories.length; p++) {
    const pair = input.categories.slice(p * 2, p * 2 + 2).map((cat, i) => {
      const side = i === 0 ? ('above' as const) : ('below' as const);
      return {
        cat,
        side,
        ...layoutBone(cat.id, side, topsOf.get(cat.id) ?? [], subsOf, input.size),
      };
    });
    for (const b of pair) {
      for (const box of b.boxes)
        positions.set(box.id, { x: Math.round(box.x + junction), y: Math.round(box.y) });
      for (const [id, r] of b.ribs) ribs.set(id, { x: r.x + junction, y: r.y });
      bones.push({
        categoryId: b.cat.id,
        side: b.side,
        from: { x: junction, y: 0 },
        to: { x: b.end.x + junction, y: b.end.y },
      });
    }
    junction -= Math.max(...pair.map((b) => b.extent)) + F.pairGap;
  }
  const lastJunction = bones.length > 0 ? Math.min(...bones.map((b) => b.from.x)) : -F.headGap;
  return { positions, ribs, topOf, bones, spine: { tailX: lastJunction - F.tail, headX: 0 } };
}
