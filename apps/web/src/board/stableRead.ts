/**
 * Structural sharing for records read from the doc: a re-read returns the previous object for
 * every record whose fields did not change, and the previous array when nothing changed at all.
 * Memoised rows then skip re-rendering when someone edits a different record.
 */
import type * as Y from 'yjs';

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) =>
        Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return false;
}

function sameRecord<T extends object>(a: T, b: T): boolean {
  const ka = Object.keys(a) as (keyof T)[];
  return ka.length === Object.keys(b).length && ka.every((k) => sameValue(a[k], b[k]));
}

/** Returns `next`, with unchanged records (by id) and the whole array reused from `prev`. */
export function reuseRecords<T extends { readonly id: string }>(
  prev: readonly T[],
  next: T[],
): readonly T[] {
  if (prev.length === 0) return next;
  const old = new Map(prev.map((r) => [r.id, r]));
  let allSame = prev.length === next.length;
  const out = next.map((r, i) => {
    const o = old.get(r.id);
    if (o && sameRecord(o, r)) {
      if (prev[i] !== o) allSame = false;
      return o;
    }
    allSame = false;
    return r;
  });
  return allSame ? prev : out;
}

/** Wraps a list reader so each doc keeps its previous result for `reuseRecords`. */
export function stableReader<T extends { readonly id: string }>(
  read: (doc: Y.Doc) => T[],
): (doc: Y.Doc) => readonly T[] {
  const last = new WeakMap<Y.Doc, readonly T[]>();
  return (doc) => {
    const next = reuseRecords(last.get(doc) ?? [], read(doc));
    last.set(doc, next);
    return next;
  };
}
