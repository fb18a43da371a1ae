/** Orders and depths a real review never hits but imports and hostile peers do. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildRcaExport } from '../export/rca.ts';
import { parseTimelineCsv } from '../import/timeline.ts';
import {
  addCause,
  addEvents,
  addWhy,
  initBoard,
  MAX_TREE_DEPTH,
  readFishbone,
  readTimeline,
  readWhys,
} from './doc.ts';

describe('events at the same instant', () => {
  it('keep the order of the file they came from', () => {
    const doc = new Y.Doc();
    const rows = Array.from({ length: 10 }, (_, i) => `2024-05-01T10:00:00Z,step ${i + 1},`);
    const parsed = parseTimelineCsv(`time,description,phase\n${rows.join('\n')}\n`);
    if (!parsed.ok) throw new Error('fixture did not parse');
    addEvents(doc, parsed.events);
    const expected = Array.from({ length: 10 }, (_, i) => `step ${i + 1}`);
    expect(readTimeline(doc).map((e) => e.description)).toEqual(expected);
    // A peer that receives the board sees the same order.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(readTimeline(peer).map((e) => e.description)).toEqual(expected);
  });

  it('added later sort after those added earlier', () => {
    const doc = new Y.Doc();
    addEvents(doc, [{ time: '2024-05-01T10:00:00Z', description: 'first' }]);
    addEvents(doc, [{ time: '2024-05-01T10:00:00Z', description: 'second' }]);
    expect(readTimeline(doc).map((e) => e.description)).toEqual(['first', 'second']);
  });
});

describe('tree depth', () => {
  it(`refuses a why or a sub-cause below level ${MAX_TREE_DEPTH}`, () => {
    const doc = new Y.Doc();
    initBoard(doc, { problem: 'p' });
    let why: string | null = null;
    let cause: string | null = null;
    for (let i = 0; i < MAX_TREE_DEPTH; i++) {
      why = addWhy(doc, why, `why ${i + 1}`);
      cause = addCause(doc, 'cat-people', cause, `cause ${i + 1}`);
    }
    expect(() => addWhy(doc, why, 'too deep')).toThrow(/at most 25 levels/);
    expect(() => addCause(doc, 'cat-people', cause, 'too deep')).toThrow(/at most 25 levels/);
    expect(readWhys(doc)).toHaveLength(MAX_TREE_DEPTH);
    expect(readFishbone(doc).causes).toHaveLength(MAX_TREE_DEPTH);
  });

  it('hides the part of a hostile 2,000-deep chain below the cap, and still exports', () => {
    const doc = new Y.Doc();
    initBoard(doc, { problem: 'p' });
    // A raw peer writes records directly, bypassing addWhy's check.
    doc.transact(() => {
      const whys = doc.getMap<Y.Map<unknown>>('whys');
      for (let i = 0; i < 2000; i++) {
        const rec = new Y.Map<unknown>();
        rec.set('parentId', i === 0 ? null : `w${i - 1}`);
        rec.set('text', `level ${i + 1}`);
        whys.set(`w${i}`, rec);
      }
    });
    expect(readWhys(doc)).toHaveLength(MAX_TREE_DEPTH);
    const text = JSON.stringify(buildRcaExport(doc, { room: 'deep' }));
    expect(text).toContain(`level ${MAX_TREE_DEPTH}"`);
    expect(text).not.toContain(`level ${MAX_TREE_DEPTH + 1}"`);
  });
});
