import {
  addCause,
  addEvent,
  addWhy,
  initBoard,
  readFishbone,
  readWhys,
  setEvidence,
} from '@causeway/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteWarning, evidenceUses } from './evidenceUses.ts';

describe('deleting an event cited as evidence', () => {
  it('counts the whys and causes that cite it, from the board itself', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'CircleCI' });
    const cited = addEvent(doc, { time: '2022-12-29T00:00:00Z', description: 'report' });
    const other = addEvent(doc, { time: '2022-12-30T00:00:00Z', description: 'other' });
    const w1 = addWhy(doc, null, 'a');
    const w2 = addWhy(doc, w1, 'b');
    const c = addCause(doc, 'cat-people', null, 'c');
    setEvidence(doc, { kind: 'why', id: w1 }, cited, true);
    setEvidence(doc, { kind: 'why', id: w2 }, cited, true);
    setEvidence(doc, { kind: 'cause', id: c }, cited, true);
    setEvidence(doc, { kind: 'cause', id: c }, other, true);
    expect(evidenceUses(cited, readWhys(doc), readFishbone(doc))).toEqual({ whys: 2, causes: 1 });
    expect(evidenceUses(other, readWhys(doc), readFishbone(doc))).toEqual({ whys: 0, causes: 1 });
  });

  it('says what the delete will unlink, and nothing when nothing cites it', () => {
    expect(deleteWarning({ whys: 2, causes: 1 })).toBe(
      'Linked as evidence to 2 whys and 1 fishbone cause — deleting removes those links.',
    );
    expect(deleteWarning({ whys: 1, causes: 0 })).toBe(
      'Linked as evidence to 1 why — deleting removes that link.',
    );
    expect(deleteWarning({ whys: 0, causes: 0 })).toBeNull();
  });
});
