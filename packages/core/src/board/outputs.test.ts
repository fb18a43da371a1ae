/** Board records added for the review's outputs: notes, playbook updates, detection rules, Jira keys. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem,
  addCause,
  addDetectionRule,
  addPlaybookUpdate,
  addWhy,
  BoardError,
  deleteCause,
  deleteDetectionRule,
  deletePlaybookUpdate,
  initBoard,
  readActionItems,
  readBoard,
  readDetectionRules,
  readFishbone,
  readMeta,
  readNotes,
  readPlaybookUpdates,
  spliceNote,
  spliceRuleYaml,
  updateActionItem,
  updateDetectionRule,
  updatePlaybookUpdate,
} from './doc.ts';

/** Two peers that exchange their updates both ways (after each has made its edits). */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'T', problem: 'P' });
  return doc;
}

describe('notes', () => {
  it('two people typing the minutes at once both keep their words', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    spliceNote(a, 'minutes', 0, 0, 'Alice: containment took too long.\n');
    sync(a, b);
    spliceNote(a, 'minutes', 0, 0, 'Agenda item 1. ');
    spliceNote(b, 'minutes', 34, 0, 'Bob: agreed, paging was slow.');
    sync(a, b);
    const minutes = readNotes(a).minutes;
    expect(minutes).toBe(readNotes(b).minutes);
    expect(minutes).toContain('Agenda item 1. ');
    expect(minutes).toContain('Alice: containment took too long.');
    expect(minutes).toContain('Bob: agreed, paging was slow.');
  });

  it('splices clamp to the text and deletes remove characters', () => {
    const doc = board();
    spliceNote(doc, 'executiveSummary', 99, 5, 'abcdef');
    spliceNote(doc, 'executiveSummary', 1, 2, 'X');
    expect(readNotes(doc)).toEqual({ executiveSummary: 'aXdef', minutes: '' });
    expect(() => spliceNote(doc, 'nope' as never, 0, 0, 'x')).toThrow(BoardError);
  });
});

describe('playbook updates', () => {
  it('adds, edits, links to a cause and deletes', () => {
    const doc = board();
    const why = addWhy(doc, null, 'No MFA on the VPN');
    const id = addPlaybookUpdate(doc, { playbook: 'Phishing response', change: 'Reset MFA' });
    updatePlaybookUpdate(doc, id, { answers: { kind: 'why', id: why }, status: 'accepted' });
    expect(readPlaybookUpdates(doc)).toEqual([
      expect.objectContaining({
        id,
        playbook: 'Phishing response',
        change: 'Reset MFA',
        answers: { kind: 'why', id: why },
        status: 'accepted',
      }),
    ]);
    expect(() => addPlaybookUpdate(doc, { playbook: '  ' })).toThrow(BoardError);
    expect(() => updatePlaybookUpdate(doc, id, { status: 'maybe' as never })).toThrow(BoardError);
    expect(() =>
      updatePlaybookUpdate(doc, id, { answers: { kind: 'cause', id: 'cause_missing' } }),
    ).toThrow(BoardError);
    deletePlaybookUpdate(doc, id);
    expect(readPlaybookUpdates(doc)).toEqual([]);
  });

  it('a link to a cause deleted by another peer reads as null', () => {
    const doc = board();
    const cat = readFishbone(doc).categories[0]?.id as string;
    const cause = addCause(doc, cat, null, 'Stale runbook');
    addPlaybookUpdate(doc, { playbook: 'Ransomware', answers: { kind: 'cause', id: cause } });
    deleteCause(doc, cause);
    expect(readPlaybookUpdates(doc)[0]?.answers).toBeNull();
  });
});

describe('detection rules', () => {
  it('keeps concurrent YAML edits to different lines', () => {
    const a = board();
    const act = addActionItem(a, { title: 'Alert on Kerberoasting' });
    const id = addDetectionRule(a, {
      title: 'Kerberoast',
      yaml: 'title: Kerberoast\nlevel: high\n',
      source: { kind: 'action', id: act },
    });
    const b = new Y.Doc();
    sync(a, b);
    spliceRuleYaml(a, id, 'title: Kerberoast'.length, 0, ' RC4');
    spliceRuleYaml(b, id, 'title: Kerberoast\nlevel: '.length, 4, 'critical');
    sync(a, b);
    const [rule] = readDetectionRules(b);
    expect(rule).toMatchObject({
      id,
      title: 'Kerberoast',
      yaml: 'title: Kerberoast RC4\nlevel: critical\n',
      source: { kind: 'action', id: act },
    });
    expect(readDetectionRules(a)).toEqual(readDetectionRules(b));
  });

  it('refuses a missing source, renames, and deletes', () => {
    const doc = board();
    expect(() =>
      addDetectionRule(doc, { title: 'x', source: { kind: 'why', id: 'why_missing' } }),
    ).toThrow(BoardError);
    const id = addDetectionRule(doc, { title: 'x' });
    updateDetectionRule(doc, id, { title: 'y' });
    expect(readDetectionRules(doc)[0]).toMatchObject({ title: 'y', yaml: '', source: null });
    expect(() => spliceRuleYaml(doc, 'rule_missing', 0, 0, 'x')).toThrow(BoardError);
    deleteDetectionRule(doc, id);
    expect(readDetectionRules(doc)).toEqual([]);
  });
});

describe('Jira keys and templates', () => {
  it('stores a Jira key on an action item and refuses a malformed one', () => {
    const doc = board();
    const id = addActionItem(doc, { title: 'Rotate keys' });
    expect(readActionItems(doc)[0]?.jiraKey).toBe('');
    updateActionItem(doc, id, { jiraKey: 'SEC-12' });
    expect(readActionItems(doc)[0]?.jiraKey).toBe('SEC-12');
    for (const bad of ['sec-12', 'SEC-', 'SEC 12', '-1']) {
      expect(() => updateActionItem(doc, id, { jiraKey: bad })).toThrow(BoardError);
    }
  });

  it('initBoard takes a template id and its categories', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'R', template: 'ransomware' }, undefined, [
      { id: 'cat-backups', name: 'Backups', order: 0 },
    ]);
    expect(readMeta(doc).template).toBe('ransomware');
    expect(readFishbone(doc).categories).toEqual([
      { id: 'cat-backups', name: 'Backups', order: 0 },
    ]);
    expect(readBoard(doc)).toMatchObject({
      playbookUpdates: [],
      detectionRules: [],
      notes: { executiveSummary: '', minutes: '' },
    });
  });
});
