import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeBatch } from '../src/storage/merge.ts';

/** A board-like base doc, and `n` updates from `writers` peers on top of it, interleaved. */
function scenario(writers: number, n: number) {
  const base = new Y.Doc();
  base.getArray<number>('a').push([0]);
  base.getMap('events').set('e0', 'first');
  const baseState = Y.encodeStateAsUpdate(base);
  const peers = Array.from({ length: writers }, () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, baseState);
    return d;
  });
  const updates: Uint8Array[] = [];
  for (const d of peers) d.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) {
    const d = peers[i % writers] as Y.Doc;
    if (i % 7 === 6) d.getMap('events').delete('e0');
    else if (i % 3 === 0) d.getMap('events').set(`e${i}`, `text ${i}`);
    else d.getArray<number>('a').push([i]);
  }
  return { baseState, updates };
}

const applied = (baseState: Uint8Array, updates: readonly Uint8Array[]) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, baseState);
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
};

describe('mergeBatch', () => {
  it('equals applying each update, for a batch of many peers that depends on earlier state', () => {
    const { baseState, updates } = scenario(10, 300);
    const merged = mergeBatch(updates);
    const one = applied(baseState, [merged]);
    const each = applied(baseState, updates);
    expect(one.getArray('a').toJSON()).toEqual(each.getArray('a').toJSON());
    expect(one.getArray('a').length).toBeGreaterThan(150);
    expect(one.getMap('events').toJSON()).toEqual(each.getMap('events').toJSON());
    expect(Y.encodeStateVector(one)).toEqual(Y.encodeStateVector(each));
    // Nothing left pending: the merged update is complete on top of the base.
    expect(one.store.pendingStructs).toBeNull();
    // And it says the same as one flat Y.mergeUpdates over the batch.
    const flat = applied(baseState, [Y.mergeUpdates(updates)]);
    expect(flat.getArray('a').toJSON()).toEqual(one.getArray('a').toJSON());
    expect(flat.getMap('events').toJSON()).toEqual(one.getMap('events').toJSON());
  });

  it('returns a lone update as it is and refuses an empty batch', () => {
    const { updates } = scenario(1, 1);
    expect(mergeBatch(updates)).toBe(updates[0]);
    expect(() => mergeBatch([])).toThrow(/at least one/);
  });

  it('keeps every update of batch sizes around the fan-in (1 to 70)', () => {
    for (const n of [2, 7, 8, 9, 63, 64, 65, 70]) {
      const { baseState, updates } = scenario(3, n);
      const one = applied(baseState, [mergeBatch(updates)]);
      expect(Y.encodeStateVector(one)).toEqual(Y.encodeStateVector(applied(baseState, updates)));
    }
  });
});
