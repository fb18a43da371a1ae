/**
 * A peer can send any valid Yjs update, including ones no Causeway client would write. Such an
 * update must never make the board unreadable for everyone else (a bug found by a hostile test:
 * one non-map record blanked every browser and made exports fail).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildRcaExport } from '../export/rca.ts';
import { rcaSchemaErrors } from '../testing/rcaSchema.ts';
import {
  addCause,
  addEvent,
  addWhy,
  deleteCause,
  deleteEvent,
  deleteWhy,
  initBoard,
  readBoard,
  setEvidence,
  updateEvent,
} from './doc.ts';

const COLLECTIONS = ['events', 'whys', 'fishboneCategories', 'fishboneCauses', 'actionItems'];

/** A board with one real record of each kind, plus junk written by a raw Yjs peer. */
function vandalisedBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Hostile', problem: 'p' });
  const ev = addEvent(doc, { time: '2024-01-01T00:00:00Z', description: 'real event' });
  const why = addWhy(doc, null, 'real why');
  const cause = addCause(doc, 'cat-people', null, 'real cause');
  const attacker = new Y.Doc();
  Y.applyUpdate(attacker, Y.encodeStateAsUpdate(doc));
  for (const key of COLLECTIONS) {
    attacker.getMap(key).set('junk_number', 12345);
    attacker.getMap(key).set('junk_string', 'str');
    attacker.getMap(key).set('junk_array', new Y.Array());
  }
  // A real record whose evidence set was replaced by a string.
  (attacker.getMap('whys').get(why) as Y.Map<unknown>).set('evidence', 'not a set');
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(attacker));
  return { doc, ev, why, cause };
}

describe('a board vandalised with non-record values', () => {
  it('still reads, showing only the real records', () => {
    const { doc } = vandalisedBoard();
    const board = readBoard(doc);
    expect(board.timeline.map((e) => e.description)).toEqual(['real event']);
    expect(board.whys.map((w) => w.text)).toEqual(['real why']);
    expect(board.whys[0]?.evidence).toEqual([]);
    expect(board.fishbone.categories).toHaveLength(6);
    expect(board.fishbone.causes.map((c) => c.text)).toEqual(['real cause']);
    expect(board.actionItems).toEqual([]);
  });

  it('still exports a valid RCA', () => {
    const { doc } = vandalisedBoard();
    const rca = buildRcaExport(doc, { room: 'hostile', exportedAt: '2024-01-02T00:00:00Z' });
    expect(rcaSchemaErrors(rca)).toEqual([]);
    expect(rca.timeline).toHaveLength(1);
  });

  it('still accepts writes, and refuses to treat junk as a record', () => {
    const { doc, ev, why, cause } = vandalisedBoard();
    setEvidence(doc, { kind: 'why', id: why }, ev, true);
    expect(readBoard(doc).whys[0]?.evidence).toEqual([ev]);
    expect(() => updateEvent(doc, 'junk_string', { description: 'x' })).toThrow(/no events record/);
    deleteWhy(doc, why);
    deleteCause(doc, cause);
    deleteEvent(doc, ev);
    const board = readBoard(doc);
    expect([board.timeline, board.whys, board.fishbone.causes]).toEqual([[], [], []]);
  });
});
