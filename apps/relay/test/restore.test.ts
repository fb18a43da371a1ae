/** Restore-to-snapshot is a new update: content equals the snapshot, history only grows. */
import {
  addCause,
  addEvent,
  addWhy,
  DEFAULT_CATEGORIES,
  deleteEvent,
  initBoard,
  readBoard,
  updateEvent,
  updateMeta,
} from '@causeway/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreUpdate } from '../src/audit/restore.ts';

const docFrom = (state: Uint8Array) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  return d;
};

type Op = (doc: Y.Doc, ids: string[]) => void;
const OPS: Op[] = [
  (d, ids) => {
    ids.push(
      addEvent(d, { time: '2024-01-01T00:00:00Z', description: `e${ids.length}`, phase: null }),
    );
  },
  (d, ids) => {
    const id = ids.pop();
    if (id) deleteEvent(d, id);
  },
  (d, ids) => {
    const id = ids[0];
    if (id) updateEvent(d, id, { description: `edited ${Math.random()}`, phase: 'triage' });
  },
  (d) => updateMeta(d, { title: `t${Math.random()}`, rootCause: 'rc' }),
  (d) => {
    addWhy(d, null, 'why?');
  },
  (d) => {
    addCause(d, (DEFAULT_CATEGORIES[0] as { id: string }).id, null, 'cause');
  },
];

describe('restoreUpdate', () => {
  it('brings back edited, deleted and added content and converges on every peer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(OPS.length - 1), { maxLength: 12 }),
        fc.array(fc.nat(OPS.length - 1), { minLength: 1, maxLength: 12 }),
        (before, after) => {
          const live = new Y.Doc();
          initBoard(live, { title: 'T', incidentId: 'I', severity: 'SEV2' });
          const ids: string[] = [];
          for (const op of before) (OPS[op] as Op)(live, ids);
          const snapshot = Y.encodeStateAsUpdate(live);
          for (const op of after) (OPS[op] as Op)(live, ids);
          const peer = docFrom(Y.encodeStateAsUpdate(live));
          const vectorBefore = Y.decodeStateVector(Y.encodeStateVector(live));

          const update = restoreUpdate(live, snapshot);
          Y.applyUpdate(live, update);
          Y.applyUpdate(peer, update);

          const expected = readBoard(docFrom(snapshot));
          expect(readBoard(live)).toEqual(expected);
          expect(readBoard(peer)).toEqual(expected);
          // Nothing was rewritten: every client's clock is where it was or further.
          const vectorAfter = Y.decodeStateVector(Y.encodeStateVector(live));
          for (const [client, clock] of vectorBefore)
            expect(vectorAfter.get(client)).toBeGreaterThanOrEqual(clock);
        },
      ),
      { numRuns: 60 },
    );
  });
});
