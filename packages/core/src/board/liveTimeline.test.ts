import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commitImport } from '../import/commit.ts';
import { previewImport } from '../import/formats.ts';
import { generateFile } from '../testing/generate.ts';
import { addEvent, addEvents, deleteEvent, initBoard, readTimeline, updateEvent } from './doc.ts';
import { liveTimeline } from './liveTimeline.ts';

const board = () => {
  const doc = new Y.Doc();
  initBoard(doc, { title: 't' });
  return doc;
};
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();

describe('the live timeline', () => {
  it('matches readTimeline after any mix of adds, edits, deletes and imports, on this doc and a peer', () => {
    type Op =
      | { kind: 'add'; minute: number; count: number }
      | { kind: 'retime'; pick: number; minute: number }
      | { kind: 'describe'; pick: number }
      | { kind: 'delete'; pick: number }
      | { kind: 'import'; rows: number };
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        minute: fc.nat(30),
        count: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({ kind: fc.constant('retime' as const), pick: fc.nat(), minute: fc.nat(30) }),
      fc.record({ kind: fc.constant('describe' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('import' as const), rows: fc.integer({ min: 1, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops: Op[]) => {
        const doc = board();
        const peer = new Y.Doc();
        doc.on('update', (u: Uint8Array) => Y.applyUpdate(peer, u));
        Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
        const live = liveTimeline(doc);
        const livePeer = liveTimeline(peer);
        let imports = 0;
        for (const o of ops) {
          const events = readTimeline(doc);
          const target =
            events.length > 0 && 'pick' in o ? events[o.pick % events.length] : undefined;
          if (o.kind === 'add')
            addEvents(
              doc,
              Array.from({ length: o.count }, (_, i) => ({
                time: at(o.minute),
                description: `e${i}`,
              })),
            );
          else if (o.kind === 'import') {
            const preview = previewImport(generateFile('thehive4', o.rows + imports++));
            commitImport(doc, preview, { sliceSize: 7 });
          } else if (target && o.kind === 'retime')
            updateEvent(doc, target.id, { time: at(o.minute) });
          else if (target && o.kind === 'describe')
            updateEvent(doc, target.id, { description: 'edited' });
          else if (target && o.kind === 'delete') deleteEvent(doc, target.id);
          // Read after some steps only: changes in between must accumulate.
          if (ops.indexOf(o) % 2 === 0) live.read();
        }
        expect(live.read()).toEqual(readTimeline(doc));
        expect(livePeer.read()).toEqual(readTimeline(peer));
        live.destroy();
        livePeer.destroy();
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the array until the timeline changes, and every untouched event object', () => {
    const doc = board();
    const first = addEvent(doc, { time: at(1), description: 'one' });
    addEvent(doc, { time: at(2), description: 'two' });
    const live = liveTimeline(doc);
    const before = live.read();
    expect(live.read()).toBe(before);
    let notified = 0;
    live.subscribe(() => notified++);
    doc.getMap('meta').set('title', 'other area');
    expect(notified).toBe(0);
    expect(live.read()).toBe(before);
    updateEvent(doc, first, { description: 'one, edited' });
    expect(notified).toBe(1);
    const after = live.read();
    expect(after).not.toBe(before);
    expect(after[0]?.description).toBe('one, edited');
    expect(after[1]).toBe(before[1]);
  });

  it('merges an added event in and keeps the object of every other event', () => {
    const doc = board();
    commitImport(doc, previewImport(generateFile('thehive4', 2_000)));
    const live = liveTimeline(doc);
    const before = live.read();
    addEvent(doc, { time: at(0), description: 'earliest' });
    const after = live.read();
    expect(after).toHaveLength(2_001);
    expect(after[0]?.description).toBe('earliest');
    expect(after.slice(1).every((e, i) => e === before[i])).toBe(true);
  });
});
