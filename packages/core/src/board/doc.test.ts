import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem,
  addCategory,
  addCause,
  addEvent,
  addEvents,
  addWhy,
  BoardError,
  DEFAULT_CATEGORIES,
  deleteActionItem,
  deleteCategory,
  deleteCause,
  deleteEvent,
  deleteWhy,
  hasEvent,
  initBoard,
  observeArea,
  readActionItems,
  readBoard,
  readFishbone,
  readMeta,
  readTimeline,
  readWhys,
  renameCategory,
  setEvidence,
  updateActionItem,
  updateCause,
  updateEvent,
  updateMeta,
  updateWhy,
} from './doc.ts';

const board = () => {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'S3 outage', problem: 'S3 stopped serving requests' });
  return doc;
};

/** Applies each doc's full state to the other, as the relay would. */
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

const expectBoardError = (fn: () => unknown, code: BoardError['code']) => {
  expect(fn).toThrow(BoardError);
  try {
    fn();
  } catch (e) {
    expect((e as BoardError).code).toBe(code);
  }
};

describe('meta', () => {
  it('seeds once and keeps what is already there', () => {
    const doc = board();
    initBoard(doc, { title: 'other title' });
    expect(readMeta(doc)).toMatchObject({ title: 'S3 outage', severity: 'SEV3', rootCause: '' });
    updateMeta(doc, { severity: 'SEV1', rootCause: 'playbook accepted a too-large input' });
    expect(readMeta(doc)).toMatchObject({
      severity: 'SEV1',
      rootCause: 'playbook accepted a too-large input',
    });
    expectBoardError(() => updateMeta(doc, { severity: 'SEV9' as 'SEV1' }), 'invalid');
  });
});

describe('timeline events', () => {
  it('adds, edits, re-tags and deletes', () => {
    const doc = board();
    const id = addEvent(doc, {
      time: '2017-02-28T09:37:00-08:00',
      description: 'playbook run',
      phase: null,
    });
    updateEvent(doc, id, { description: 'playbook run with wrong input', phase: 'compromise' });
    expect(readTimeline(doc)).toEqual([
      {
        id,
        time: '2017-02-28T09:37:00-08:00',
        epochMs: Date.UTC(2017, 1, 28, 17, 37),
        description: 'playbook run with wrong input',
        phase: 'compromise',
        source: '',
        actor: '',
        sourceId: '',
        recordedTime: '',
      },
    ]);
    updateEvent(doc, id, { phase: null });
    expect(readTimeline(doc)[0]?.phase).toBeNull();
    expect(hasEvent(doc, id)).toBe(true);
    deleteEvent(doc, id);
    expect(readTimeline(doc)).toEqual([]);
    expect(hasEvent(doc, id)).toBe(false);
  });

  it("keeps an imported event's source id and canonical recorded time", () => {
    const doc = board();
    addEvent(doc, {
      time: '2025-06-02T07:08:52.956Z',
      recordedTime: '2025-06-02T09:08:53.000+02:00',
      description: 'logon failures',
      source: 'Elastic',
      sourceId: 'k4DvQp0B8MuvJ8LEKdpI',
    });
    expect(readTimeline(doc)[0]).toMatchObject({
      sourceId: 'k4DvQp0B8MuvJ8LEKdpI',
      recordedTime: '2025-06-02T09:08:53+02:00',
    });
    expectBoardError(
      () =>
        addEvent(doc, {
          time: '2025-06-02T07:08:52Z',
          recordedTime: '2025-06-02',
          description: 'x',
        }),
      'invalid',
    );
  });

  it('stores times in canonical form and refuses zone-less or unknown values', () => {
    const doc = board();
    const id = addEvent(doc, { time: '2017-02-28T09:37-08:00', description: 'x' });
    expect(readTimeline(doc)[0]?.time).toBe('2017-02-28T09:37:00-08:00');
    updateEvent(doc, id, { time: '2017-02-28T17:37:00.000+00:00' });
    expect(readTimeline(doc)[0]?.time).toBe('2017-02-28T17:37:00Z');
    // Date.parse would read this in each peer's local zone, so peers would disagree on the order.
    expectBoardError(
      () => addEvent(doc, { time: '2017-02-28T09:37:00', description: 'x' }),
      'invalid',
    );
    expectBoardError(() => updateEvent(doc, id, { time: 'soon' }), 'invalid');
    expectBoardError(() => updateEvent(doc, id, { phase: 'panic' as 'triage' }), 'invalid');
    expectBoardError(() => updateEvent(doc, 'ev_missing', { description: 'x' }), 'not-found');
  });

  it('sorts by instant across offsets, ties in the order they were added', () => {
    const doc = board();
    // 10:00-08:00 = 18:00Z, 19:00+02:00 = 17:00Z, 17:30Z: instant order is b, c, a.
    const [a, b, c] = addEvents(doc, [
      { time: '2017-02-28T10:00:00-08:00', description: 'a' },
      { time: '2017-02-28T19:00:00+02:00', description: 'b' },
      { time: '2017-02-28T17:30:00Z', description: 'c' },
    ]);
    expect(readTimeline(doc).map((e) => e.id)).toEqual([b, c, a]);
    const [d, e] = addEvents(doc, [
      { time: '2017-02-28T18:00:00Z', description: 'same instant as a' },
      { time: '2017-02-28T20:00:00+02:00', description: 'also the same instant as a' },
    ]);
    const tied = readTimeline(doc)
      .slice(2)
      .map((x) => x.id);
    expect(tied).toEqual([a, d, e]);
  });

  it('sorts a foreign event with an unparseable time last instead of scrambling the order', () => {
    const doc = board();
    const good = addEvent(doc, { time: '2017-02-28T10:00:00Z', description: 'good' });
    const bad = new Y.Map<unknown>();
    bad.set('time', 'garbage');
    bad.set('description', 'written by an old client');
    doc.getMap('events').set('ev_0', bad);
    expect(readTimeline(doc).map((e) => e.id)).toEqual([good, 'ev_0']);
    expect(readTimeline(doc)[1]?.epochMs).toBeNaN();
  });

  it('keeps both edits when two people edit different fields of one event at once', () => {
    const a = board();
    const b = new Y.Doc();
    const id = addEvent(a, { time: '2019-07-02T13:42:00Z', description: 'WAF rule pushed' });
    sync(a, b);
    updateEvent(a, id, { description: 'WAF managed rule pushed globally' });
    updateEvent(b, id, { time: '2019-07-02T13:42:00.5Z', phase: 'compromise' });
    sync(a, b);
    for (const doc of [a, b]) {
      expect(readTimeline(doc)[0]).toMatchObject({
        description: 'WAF managed rule pushed globally',
        time: '2019-07-02T13:42:00.500Z',
        phase: 'compromise',
      });
    }
  });
});

describe('5 whys', () => {
  it('builds a tree and deletes a branch with everything under it', () => {
    const doc = board();
    const w1 = addWhy(doc, null, 'servers removed');
    const w2 = addWhy(doc, w1, 'typo in playbook input');
    const w3 = addWhy(doc, w2, 'tool allowed removing too much capacity at once');
    const other = addWhy(doc, null, 'restart slow');
    updateWhy(doc, w3, { isRootCause: true });
    expect(readWhys(doc).find((w) => w.id === w3)).toMatchObject({
      parentId: w2,
      isRootCause: true,
    });
    deleteWhy(doc, w1);
    expect(readWhys(doc).map((w) => w.id)).toEqual([other]);
    expectBoardError(() => addWhy(doc, w1, 'under a deleted why'), 'not-found');
  });

  it('hides a why added under a why another peer deleted meanwhile', () => {
    const a = board();
    const b = new Y.Doc();
    const w1 = addWhy(a, null, 'why 1');
    sync(a, b);
    const child = addWhy(b, w1, 'added offline');
    addWhy(b, child, 'grandchild');
    deleteWhy(a, w1);
    sync(a, b);
    expect(readWhys(a)).toEqual([]);
    expect(readWhys(b)).toEqual([]);
  });
});

describe('fishbone', () => {
  it('starts with the default categories, whose fixed ids agree across peers', () => {
    const a = board();
    const b = board();
    sync(a, b);
    expect(readFishbone(a).categories).toEqual(DEFAULT_CATEGORIES);
    expect(readFishbone(b).categories).toEqual(DEFAULT_CATEGORIES);
  });

  it('adds, renames and deletes categories, causes and sub-causes', () => {
    const doc = board();
    const cat = addCategory(doc, 'Tooling');
    expect(readFishbone(doc).categories.at(-1)).toEqual({
      id: cat,
      name: 'Tooling',
      order: DEFAULT_CATEGORIES.length,
    });
    renameCategory(doc, cat, 'Ops tooling');
    const cause = addCause(doc, cat, null, 'playbook has no safety limit');
    const sub = addCause(doc, cat, cause, 'limit never specified');
    const subsub = addCause(doc, cat, sub, 'no review of playbooks');
    updateCause(doc, cause, { text: 'playbook lacks a capacity guard', dx: 12, dy: -4 });
    const fb = readFishbone(doc);
    expect(fb.categories.find((c) => c.id === cat)?.name).toBe('Ops tooling');
    // Created in the same millisecond, so compare the parent links, not the order.
    expect(Object.fromEntries(fb.causes.map((c) => [c.id, c.parentId]))).toEqual({
      [cause]: null,
      [sub]: cause,
      [subsub]: sub,
    });
    expect(fb.causes.find((c) => c.id === cause)).toMatchObject({
      text: 'playbook lacks a capacity guard',
      dx: 12,
      dy: -4,
    });
    // Deleting a cause removes its sub-causes at every depth, not only direct children.
    deleteCause(doc, cause);
    expect(readFishbone(doc).causes).toEqual([]);
    expect(doc.getMap('fishboneCauses').size).toBe(0);

    const again = addCause(doc, cat, null, 'again');
    addCause(doc, cat, again, 'sub');
    deleteCategory(doc, cat);
    expect(readFishbone(doc).causes).toEqual([]);
    expect(readFishbone(doc).categories.map((c) => c.id)).not.toContain(cat);
  });

  it('refuses a sub-cause on another category than its parent', () => {
    const doc = board();
    const cause = addCause(doc, 'cat-people', null, 'tired operator');
    expectBoardError(() => addCause(doc, 'cat-process', cause, 'x'), 'invalid');
    expectBoardError(() => addCause(doc, 'cat-nope', null, 'x'), 'not-found');
  });

  it('hides causes whose category or ancestor another peer deleted meanwhile', () => {
    const a = board();
    const b = new Y.Doc();
    const cause = addCause(a, 'cat-process', null, 'no change review');
    sync(a, b);
    const sub = addCause(b, 'cat-process', cause, 'review optional');
    addCause(b, 'cat-process', sub, 'nobody owns the policy');
    addCause(b, 'cat-people', null, 'other bone, unaffected');
    deleteCause(a, cause);
    sync(a, b);
    expect(readFishbone(a).causes.map((c) => c.text)).toEqual(['other bone, unaffected']);
    expect(readFishbone(b)).toEqual(readFishbone(a));
  });
});

describe('evidence links', () => {
  it('links events to whys and causes, unlinks, and drops links when the event is deleted', () => {
    const doc = board();
    const [e1, e2] = addEvents(doc, [
      { time: '2017-02-28T09:37:00-08:00', description: 'command run' },
      { time: '2017-02-28T12:26:00-08:00', description: 'index restarted' },
    ]);
    const why = addWhy(doc, null, 'capacity removed');
    const cause = addCause(doc, 'cat-technology', null, 'no guard');
    setEvidence(doc, { kind: 'why', id: why }, e1 as string, true);
    setEvidence(doc, { kind: 'why', id: why }, e2 as string, true);
    setEvidence(doc, { kind: 'cause', id: cause }, e1 as string, true);
    expect(readWhys(doc)[0]?.evidence).toEqual([e1, e2].sort());
    setEvidence(doc, { kind: 'why', id: why }, e2 as string, false);
    expect(readWhys(doc)[0]?.evidence).toEqual([e1]);
    deleteEvent(doc, e1 as string);
    expect(readWhys(doc)[0]?.evidence).toEqual([]);
    expect(readFishbone(doc).causes[0]?.evidence).toEqual([]);
    expectBoardError(
      () => setEvidence(doc, { kind: 'why', id: why }, 'ev_gone', true),
      'not-found',
    );
  });

  it('merges concurrent links, and hides a link to an event deleted concurrently', () => {
    const a = board();
    const b = new Y.Doc();
    const [e1, e2] = addEvents(a, [
      { time: '2019-07-02T13:42:00Z', description: 'rule pushed' },
      { time: '2019-07-02T14:02:00Z', description: 'cause understood' },
    ]);
    const why = addWhy(a, null, 'CPU exhausted');
    sync(a, b);
    setEvidence(a, { kind: 'why', id: why }, e1 as string, true);
    setEvidence(b, { kind: 'why', id: why }, e2 as string, true);
    sync(a, b);
    expect(readWhys(b)[0]?.evidence).toEqual([e1, e2].sort());
    deleteEvent(a, e1 as string);
    setEvidence(b, { kind: 'why', id: why }, e1 as string, true);
    sync(a, b);
    expect(readWhys(a)[0]?.evidence).toEqual([e2]);
    expect(readWhys(b)[0]?.evidence).toEqual([e2]);
  });
});

describe('action items', () => {
  it('adds with defaults, updates, links to a cause and deletes', () => {
    const doc = board();
    const why = addWhy(doc, null, 'no capacity guard');
    const id = addActionItem(doc, { title: 'Add a minimum-capacity check', owner: 'ops' });
    expect(readActionItems(doc)[0]).toMatchObject({
      id,
      owner: 'ops',
      dueDate: '',
      priority: 'medium',
      status: 'open',
      addresses: null,
    });
    updateActionItem(doc, id, {
      status: 'in-progress',
      dueDate: '2017-03-31',
      addresses: { kind: 'why', id: why },
    });
    expect(readActionItems(doc)[0]).toMatchObject({
      status: 'in-progress',
      dueDate: '2017-03-31',
      addresses: { kind: 'why', id: why },
    });
    updateActionItem(doc, id, { addresses: null });
    expect(readActionItems(doc)[0]?.addresses).toBeNull();
    deleteActionItem(doc, id);
    expect(readActionItems(doc)).toEqual([]);
  });

  it('validates title, due date, priority, status and the addressed record', () => {
    const doc = board();
    expectBoardError(() => addActionItem(doc, { title: '  ' }), 'invalid');
    expectBoardError(() => addActionItem(doc, { title: 'x', dueDate: '31/03/2017' }), 'invalid');
    expectBoardError(() => addActionItem(doc, { title: 'x', dueDate: '2017-02-30' }), 'invalid');
    expectBoardError(
      () => addActionItem(doc, { title: 'x', priority: 'urgent' as 'high' }),
      'invalid',
    );
    expectBoardError(
      () => addActionItem(doc, { title: 'x', status: 'maybe' as 'open' }),
      'invalid',
    );
    expectBoardError(
      () => addActionItem(doc, { title: 'x', addresses: { kind: 'cause', id: 'cause_x' } }),
      'not-found',
    );
    expect(readActionItems(doc)).toEqual([]);
    const id = addActionItem(doc, { title: 'x', dueDate: '2024-02-29' });
    expectBoardError(() => updateActionItem(doc, id, { dueDate: '2023-02-29' }), 'invalid');
    expect(readActionItems(doc)[0]?.dueDate).toBe('2024-02-29');
  });

  it('reads a link to a deleted why as null', () => {
    const doc = board();
    const why = addWhy(doc, null, 'w');
    addActionItem(doc, { title: 'fix it', addresses: { kind: 'why', id: why } });
    deleteWhy(doc, why);
    expect(readActionItems(doc)[0]?.addresses).toBeNull();
  });
});

describe('observeArea', () => {
  it('fires once per transaction that touched the area only', () => {
    const doc = board();
    let timeline = 0;
    const stop = observeArea(doc, 'timeline', () => timeline++);
    addEvents(doc, [
      { time: '2017-02-28T09:37:00-08:00', description: 'a' },
      { time: '2017-02-28T09:38:00-08:00', description: 'b' },
    ]);
    addWhy(doc, null, 'not the timeline');
    stop();
    addEvent(doc, { time: '2017-02-28T09:39:00-08:00', description: 'after unsubscribe' });
    expect(timeline).toBe(1);
    expect(readBoard(doc).timeline).toHaveLength(3);
  });
});
