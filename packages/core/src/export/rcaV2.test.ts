/** RCA export v2: the output records round-trip, validate against the schema, and v1 files upgrade. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem,
  addDetectionRule,
  addPlaybookUpdate,
  addWhy,
  initBoard,
  spliceNote,
  updateActionItem,
} from '../board/doc.ts';
import { rcaSchemaErrors } from '../testing/rcaSchema.ts';
import { buildRcaExport } from './rca.ts';
import { parseRcaExport } from './rcaInput.ts';

function outputsBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Kerberoast', problem: 'Domain admin taken', template: 'ransomware' });
  const why = addWhy(doc, null, 'Service account with an RC4 SPN');
  const act = addActionItem(doc, { title: 'Rotate svc passwords', owner: 'ad-team' });
  updateActionItem(doc, act, { jiraKey: 'SEC-7' });
  addPlaybookUpdate(doc, {
    playbook: 'AD compromise',
    change: 'Reset krbtgt twice',
    answers: { kind: 'why', id: why },
  });
  addDetectionRule(doc, {
    title: 'RC4 TGS',
    yaml: 'title: RC4 TGS\n',
    source: { kind: 'action', id: act },
  });
  spliceNote(doc, 'minutes', 0, 0, 'We met.');
  spliceNote(doc, 'executiveSummary', 0, 0, 'An attacker got DA.');
  return doc;
}

describe('RCA export v2', () => {
  it('carries notes, playbook updates, rules, Jira keys and template, and validates', () => {
    const out = buildRcaExport(outputsBoard(), { room: 'r1' });
    expect(rcaSchemaErrors(JSON.parse(JSON.stringify(out)))).toEqual([]);
    expect(out).toMatchObject({
      schemaVersion: 2,
      board: { template: 'ransomware' },
      executiveSummary: 'An attacker got DA.',
      meetingMinutes: 'We met.',
      actionItems: [{ title: 'Rotate svc passwords', jiraKey: 'SEC-7' }],
      playbookUpdates: [
        { playbook: 'AD compromise', status: 'proposed', answers: { kind: 'why' } },
      ],
      detectionRules: [{ title: 'RC4 TGS', yaml: 'title: RC4 TGS\n', source: { kind: 'action' } }],
    });
  });

  it('reads a v2 export back unchanged', () => {
    const out = JSON.parse(JSON.stringify(buildRcaExport(outputsBoard(), { room: 'r1' })));
    const parsed = parseRcaExport(out);
    expect(parsed).toEqual({ ok: true, rca: out });
  });

  it('upgrades a v1 export to v2 with the new fields empty', () => {
    const v2 = JSON.parse(JSON.stringify(buildRcaExport(outputsBoard(), { room: 'r1' })));
    const { executiveSummary, meetingMinutes, playbookUpdates, detectionRules, ...rest } = v2;
    const v1 = {
      ...rest,
      schemaVersion: 1,
      board: { ...rest.board, template: undefined },
      actionItems: rest.actionItems.map(({ jiraKey, ...a }: { jiraKey: unknown }) => a),
    };
    const parsed = parseRcaExport(JSON.parse(JSON.stringify(v1)));
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(rcaSchemaErrors(JSON.parse(JSON.stringify(parsed.rca)))).toEqual([]);
    expect(parsed.rca).toMatchObject({
      schemaVersion: 2,
      executiveSummary: '',
      playbookUpdates: [],
      actionItems: [{ jiraKey: null }],
    });
  });

  it('refuses something that is not an RCA export, saying where', () => {
    const parsed = parseRcaExport({ schemaVersion: 3, timeline: 'x' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.join('\n')).toMatch(/schemaVersion/);
    expect(parsed.errors.join('\n')).toMatch(/timeline/);
  });
});
