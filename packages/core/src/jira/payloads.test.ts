/** Jira payloads: the fields map as documented, and their shapes match the fixture samples. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addActionItem, addWhy, initBoard, updateActionItem, updateMeta } from '../board/doc.ts';
import { buildRcaExport } from '../export/rca.ts';
import { FORMATS_DIR } from '../testing/fixtures.ts';
import { assigneeFor, JIRA_BULK_LIMIT, jiraBulkBodies, jiraPayloads, toAdf } from './payloads.ts';

const sample = (f: string) => JSON.parse(readFileSync(resolve(FORMATS_DIR, f), 'utf8'));
const V2 = sample('jira_v2_create_issue_request.json');
const V3 = sample('jira_v3_create_issue_request_fields_excerpt.json');
const BULK = sample('jira_bulk_create_request.json');

/** The JSON type skeleton of a value: same keys and kinds; arrays by their first item. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? [] : [shape(v[0])];
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, shape((v as Record<string, unknown>)[k])]),
    );
  }
  return typeof v;
}

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Kerberoast', incidentId: 'INC-9', severity: 'SEV2' });
  const why = addWhy(doc, null, 'RC4 allowed');
  addActionItem(doc, {
    title: 'Disable RC4\nin AD',
    owner: 'alice',
    dueDate: '2024-07-01',
    priority: 'critical',
    addresses: { kind: 'why', id: why },
  });
  addActionItem(doc, {
    title: 'Alert on TGS-REQ with RC4',
    owner: '5b109f2e9729b51b54dc274d',
    priority: 'low',
  });
  const done = addActionItem(doc, { title: 'Already pushed' });
  updateActionItem(doc, done, { jiraKey: 'SEC-1' });
  return buildRcaExport(doc, { room: 'room_1' });
}

/** Items created in the same millisecond sort by random id: order by summary ("Disable…" first). */
const bySummary = <T extends { fields: Readonly<Record<string, unknown>> }>(ps: readonly T[]) =>
  [...ps].sort((a, b) => String(b.fields.summary).localeCompare(String(a.fields.summary)));

describe('jiraPayloads', () => {
  it('v2: plain description, assignee.name, priority and due date mapped; pushed items skipped', () => {
    const all = jiraPayloads(board(), { projectKey: 'SEC', issueType: 'Task', apiVersion: 2 });
    expect(all).toHaveLength(2);
    const [first, second] = bySummary(all);
    expect(first?.fields).toMatchObject({
      project: { key: 'SEC' },
      summary: 'Disable RC4 in AD',
      issuetype: { name: 'Task' },
      priority: { name: 'Highest' },
      duedate: '2024-07-01',
      assignee: { name: 'alice' },
      labels: ['causeway', expect.stringMatching(/^causeway-act_[a-z0-9]+$/)],
    });
    expect(first?.fields.description).toContain('Addresses: Why: RC4 allowed');
    expect(second?.fields).toMatchObject({ priority: { name: 'Low' } });
    expect(second?.fields).not.toHaveProperty('duedate');
    // Shape of the documented v2 sample for the fields they share.
    for (const k of Object.keys(V2.fields))
      expect(shape(first?.fields[k]), k).toEqual(shape(V2.fields[k]));
  });

  it('v3: ADF description and assignee.accountId only for accountIds or mapped owners', () => {
    const rca = board();
    const [first, second] = bySummary(
      jiraPayloads(rca, { projectKey: 'SEC', issueType: 'Task', apiVersion: 3 }),
    );
    expect(shape(first?.fields.description)).toEqual(shape(V3.fields.description));
    expect(first?.fields).not.toHaveProperty('assignee');
    expect(second?.fields.assignee).toEqual({ accountId: '5b109f2e9729b51b54dc274d' });
    for (const k of ['summary', 'duedate', 'labels'] as const) {
      expect(shape(first?.fields[k]), k).toEqual(shape(V3.fields[k]));
    }
    expect(first?.fields.duedate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const mapped = jiraPayloads(rca, {
      projectKey: 'SEC',
      issueType: 'Task',
      apiVersion: 3,
      assignees: { alice: '712020:0b5d3c4e-1111-2222-3333-444455556666' },
    });
    expect(bySummary(mapped)[0]?.fields.assignee).toEqual({
      accountId: '712020:0b5d3c4e-1111-2222-3333-444455556666',
    });
  });

  it('says per item what becomes of the owner: v3 unassigned without accountId, v2 user name', () => {
    const rca = board();
    const notes = (target: Parameters<typeof jiraPayloads>[1]) =>
      Object.fromEntries(jiraPayloads(rca, target).map((p) => [p.title, p.assigneeNote]));
    expect(notes({ projectKey: 'SEC', issueType: 'Task', apiVersion: 3 })).toEqual({
      'Disable RC4\nin AD':
        'owner "alice" not assigned: Jira Cloud needs an accountId (map the owner to one)',
      'Alert on TGS-REQ with RC4':
        'owner "5b109f2e9729b51b54dc274d" assigned to accountId 5b109f2e9729b51b54dc274d',
    });
    expect(
      notes({
        projectKey: 'SEC',
        issueType: 'Task',
        apiVersion: 2,
        assignees: { alice: 'asmith' },
      })['Disable RC4\nin AD'],
    ).toBe('owner "alice" sent as the Jira username "asmith"');
  });

  it('v3: a multi-line root cause is one paragraph per line, no "\\n" inside a text node', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'T', severity: 'SEV3' });
    updateMeta(doc, {
      rootCause: 'RC4 was allowed\nno alert on TGS-REQ\r\n\nnobody owned AD hardening',
    });
    addActionItem(doc, { title: 'Disable RC4' });
    const [p] = jiraPayloads(buildRcaExport(doc, { room: 'r' }), {
      projectKey: 'SEC',
      issueType: 'Task',
      apiVersion: 3,
    });
    if (!p) throw new Error('no payload');
    const texts = (p.fields.description as ReturnType<typeof toAdf>).content.map(
      (para) => para.content[0]?.text,
    );
    expect(texts).toContain('Root cause: RC4 was allowed');
    expect(texts).toContain('no alert on TGS-REQ');
    expect(texts).toContain('nobody owned AD hardening');
    for (const t of texts) expect(t).not.toMatch(/[\r\n]/);
  });

  it('labels carry no spaces and ADF has no empty text nodes', () => {
    const adf = toAdf(['a', '', '  ', 'b']);
    expect(adf.content).toHaveLength(2);
    for (const p of jiraPayloads(board(), {
      projectKey: 'SEC',
      issueType: 'Task',
      apiVersion: 3,
    })) {
      for (const l of p.fields.labels as string[]) expect(l).not.toMatch(/\s/);
    }
    expect(assigneeFor('  ', { projectKey: 'X', issueType: 'T', apiVersion: 2 })).toBeNull();
  });
});

describe('jiraBulkBodies', () => {
  it('batches at most 50 issues, in the documented bulk shape', () => {
    const one = jiraPayloads(board(), { projectKey: 'SEC', issueType: 'Task', apiVersion: 2 })[0];
    if (!one) throw new Error('no payload');
    const many = Array.from({ length: 120 }, (_, i) => ({ ...one, actionId: `act_${i}` }));
    const bodies = jiraBulkBodies(many);
    expect(bodies.map((b) => b.issueUpdates.length)).toEqual([
      JIRA_BULK_LIMIT,
      JIRA_BULK_LIMIT,
      20,
    ]);
    expect(Object.keys(bodies[0] ?? {})).toEqual(Object.keys(BULK));
    expect(Object.keys(bodies[0]?.issueUpdates[0] ?? {})).toEqual(
      Object.keys(BULK.issueUpdates[0]),
    );
  });
});
