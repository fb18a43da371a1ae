/**
 * How deeply an update nests shared types, computed from its decoded structs without applying
 * it and without recursion (the point is to refuse input that would overflow the stack).
 */
import * as Y from 'yjs';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
type Id = { client: number; clock: number };

/** The struct of `structs` (one client's, sorted by clock) that covers `clock`. */
function covering(structs: readonly Struct[], clock: number): Struct | undefined {
  let lo = 0;
  let hi = structs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = structs[mid] as Struct;
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** What `nestingDepth` could not see: references to items the doc does not hold (yet). */
export interface Unresolved {
  found: boolean;
}

/** Nesting depth of the type holding an item already in `doc` (0 for a root type). */
function depthInDoc(doc: Y.Doc, id: Id, stop: number, unresolved?: Unresolved): number {
  // Yjs holds each client's structs from clock 0 up to its state without gaps; past that,
  // getItem would throw (an Error with a stack trace per lookup: most of the check's cost when
  // a writer's next update refers to its previous one, still queued).
  if (id.clock >= Y.getState(doc.store, id.client)) {
    // Not in the doc: Yjs keeps the update pending, it creates no nesting yet (unless the item
    // is in an update queued for the doc: the caller adds that queue's depth).
    if (unresolved) unresolved.found = true;
    return 0;
  }
  let item: Y.Item | null;
  try {
    const found = Y.getItem(doc.store, Y.createID(id.client, id.clock));
    item = found instanceof Y.Item ? found : null;
  } catch {
    return 0; // the store broke its own rule; as unknown, without the queue's depth
  }
  let depth = 0;
  while (item !== null && depth <= stop) {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    item = parent?._item ?? null;
    if (item !== null) depth++;
  }
  return depth;
}

/**
 * The deepest nesting level (1 = a value directly in a root type) any item of `structs` lands
 * at, counting types already in `doc`; stops counting past `stop`. A cycle of references (never
 * produced by Yjs) counts as infinitely deep. A reference to an item `doc` lacks counts as a
 * root type and sets `unresolved.found`.
 */
export function nestingDepth(
  structs: readonly Struct[],
  doc: Y.Doc,
  stop: number,
  unresolved?: Unresolved,
): number {
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  // Depth of the type each item lives in (0 = a root type), memoised.
  const container = new Map<Y.Item, number>();
  let deepest = 0;
  for (const start of structs) {
    if (!(start instanceof Y.Item)) continue;
    // Walk towards a known container: via the parent field (one level up) or, when an item has
    // none, via its origin (Yjs puts it where its origin is). Then fill the chain backwards.
    const chain: Y.Item[] = [];
    const steps: number[] = [];
    let cur = start;
    let known = container.get(cur);
    while (known === undefined) {
      if (chain.length > structs.length) return Number.POSITIVE_INFINITY;
      const parent: unknown = cur.parent;
      if (typeof parent === 'string') {
        known = 0;
        break;
      }
      const step = parent ? 1 : 0;
      const next = (parent ?? cur.origin ?? cur.rightOrigin) as Id | null;
      if (next === null) {
        known = 0;
        break;
      }
      const inUpdate = covering(byClient.get(next.client) ?? [], next.clock);
      if (!(inUpdate instanceof Y.Item)) {
        known = depthInDoc(doc, next, stop, unresolved) + step;
        break;
      }
      chain.push(cur);
      steps.push(step);
      cur = inUpdate;
      known = container.get(cur);
    }
    container.set(cur, known);
    let value = known;
    for (let i = chain.length - 1; i >= 0; i--) {
      value += steps[i] as number;
      container.set(chain[i] as Y.Item, value);
    }
    const depth = (container.get(start) as number) + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > stop) return deepest;
  }
  return deepest;
}
