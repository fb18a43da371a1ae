import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem,
  addCause,
  addEvents,
  addWhy,
  initBoard,
  setEvidence,
  updateMeta,
  updateWhy,
} from '../board/doc.ts';
import { parseTimelineCsv } from '../import/timeline.ts';
import { timelineCsv } from '../testing/fixtures.ts';
import { rcaSchemaErrors } from '../testing/rcaSchema.ts';
import { buildRcaExport, type RcaExport, WHY_ROOT_ID } from './rca.ts';

const expectValid = (value: unknown) => expect(rcaSchemaErrors(value)).toEqual([]);
const isValid = (value: unknown) => rcaSchemaErrors(value).length === 0;

const EXPORTED_AT = '2019-07-20T10:00:00Z';

/** The Cloudflare 2019 review with every area filled in. */
function fullBoard() {
  const doc = new Y.Doc();
  initBoard(doc, {
    title: 'WAF regex outage',
    incidentId: 'CF-2019-07-02',
    severity: 'SEV1',
    problem: 'Cloudflare served 502s worldwide for 27 minutes',
  });
  const imported = parseTimelineCsv(timelineCsv('cloudflare_2019_07_02_waf_regex'));
  if (!imported.ok) throw new Error('fixture did not import');
  const ids = addEvents(doc, imported.events);
  const [pushed, understood] = ids as [string, string];
  const w1 = addWhy(doc, null, 'CPU exhausted on every edge');
  const w2 = addWhy(doc, w1, 'a regex backtracked catastrophically');
  const w3 = addWhy(doc, w2, 'rules ship globally in one step with no staged rollout');
  updateWhy(doc, w3, { isRootCause: true });
  setEvidence(doc, { kind: 'why', id: w1 }, pushed, true);
  const cause = addCause(doc, 'cat-process', null, 'no staged rollout for WAF rules');
  const sub = addCause(doc, 'cat-process', cause, 'emergency path reused for routine rules');
  setEvidence(doc, { kind: 'cause', id: sub }, understood, true);
  addActionItem(doc, {
    title: 'Stage WAF rule rollouts',
    owner: 'waf-team',
    dueDate: '2019-09-30',
    priority: 'high',
    addresses: { kind: 'cause', id: cause },
  });
  addActionItem(doc, { title: 'Re-introduce regex CPU protection' });
  return { doc, ids, w1, w2, w3, cause, sub };
}

describe('buildRcaExport', () => {
  it('exports a full board that validates against the published schema', () => {
    const { doc } = fullBoard();
    const out = buildRcaExport(doc, {
      room: 'cf-2019',
      snapshot: { id: 'snap_1', label: 'after review', createdAt: '2019-07-19T16:00:00Z' },
      exportedAt: EXPORTED_AT,
    });
    expectValid(JSON.parse(JSON.stringify(out)));
  });

  it('exports an empty board that validates too', () => {
    const out = buildRcaExport(new Y.Doc(), { room: 'empty' });
    expectValid(JSON.parse(JSON.stringify(out)));
    expect(out).toMatchObject({
      schemaVersion: 2,
      snapshot: null,
      board: { title: '', createdAt: null, severity: 'SEV3' },
      timeline: [],
      milestones: {},
      rootCause: '',
      actionItems: [],
      whys: { id: WHY_ROOT_ID, text: '', children: [] },
      fishbone: { head: '', categories: [] },
    });
    expect(Object.values(out.metrics)).toEqual([null, null, null, null, null]);
  });

  it('carries timeline, milestones, metrics and the out-of-order warning', () => {
    const { doc, ids } = fullBoard();
    const out = buildRcaExport(doc, { room: 'cf-2019', exportedAt: EXPORTED_AT });
    expect(out.exportedAt).toBe(EXPORTED_AT);
    expect(out.timeline).toHaveLength(6);
    expect(out.timeline[0]).toEqual({
      id: ids[0],
      time: '2019-07-02T13:42:00Z',
      timeUtc: '2019-07-02T13:42:00Z',
      description: expect.stringMatching(/^New WAF managed rule/),
      phase: null,
      source: '',
      actor: '',
    });
    expect(out.milestones).toEqual({
      triage: '2019-07-02T14:02:00Z',
      containment: '2019-07-02T14:07:00Z',
      recovery: '2019-07-02T14:09:00Z',
      eradication: '2019-07-02T14:52:00Z',
      closure: '2019-07-12T15:45:21Z',
    });
    // Cloudflare tagged no detection, and recovered (14:09) before it eradicated (14:52).
    expect(out.metrics).toEqual({
      dwellSeconds: null,
      timeToTriageSeconds: null,
      timeToContainSeconds: null,
      timeToRecoverSeconds: null,
      totalDurationSeconds: null,
    });
    const outOfOrder = out.warnings.filter((w) => w.code === 'metric-out-of-order');
    // Rows 5 (eradication) and 4 (recovery) of the fixture, in from/to order.
    expect(outOfOrder).toEqual([
      {
        code: 'metric-out-of-order',
        metric: 'timeToRecoverSeconds',
        message: expect.any(String),
        eventIds: [ids[4], ids[3]],
      },
    ]);
    expect(
      out.warnings.filter((w) => w.code === 'metric-missing-milestone').map((w) => w.metric),
    ).toEqual([
      'dwellSeconds',
      'timeToTriageSeconds',
      'timeToContainSeconds',
      'totalDurationSeconds',
    ]);
    expect(out.metricDefinitions.map((d) => d.definition)).toContain('recovery − eradication');
  });

  it('keeps a -08:00 source time and adds its UTC instant', () => {
    const doc = new Y.Doc();
    const imported = parseTimelineCsv(timelineCsv('aws_s3_2017_02_28_us_east_1'));
    if (!imported.ok) throw new Error('fixture did not import');
    addEvents(doc, imported.events);
    const out = buildRcaExport(doc, { room: 's3', exportedAt: EXPORTED_AT });
    // 09:37 -08:00 + 8 h = 17:37 UTC.
    expect(out.timeline[0]).toMatchObject({
      time: '2017-02-28T09:37:00-08:00',
      timeUtc: '2017-02-28T17:37:00Z',
    });
    expect(out.milestones).toEqual({ recovery: '2017-02-28T12:26:00-08:00' });
  });

  it('nests whys under the problem and causes under their category', () => {
    const { doc, ids, w1, w2, w3, cause, sub } = fullBoard();
    const out: RcaExport = buildRcaExport(doc, { room: 'cf-2019', exportedAt: EXPORTED_AT });
    expect(out.whys).toEqual({
      id: WHY_ROOT_ID,
      text: 'Cloudflare served 502s worldwide for 27 minutes',
      isRootCause: false,
      evidence: [],
      children: [
        {
          id: w1,
          text: 'CPU exhausted on every edge',
          isRootCause: false,
          evidence: [ids[0]],
          children: [
            {
              id: w2,
              text: 'a regex backtracked catastrophically',
              isRootCause: false,
              evidence: [],
              children: [
                {
                  id: w3,
                  text: 'rules ship globally in one step with no staged rollout',
                  isRootCause: true,
                  evidence: [],
                  children: [],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(out.fishbone.head).toBe('Cloudflare served 502s worldwide for 27 minutes');
    expect(out.fishbone.categories.map((c) => c.id)).toEqual([
      'cat-people',
      'cat-process',
      'cat-technology',
      'cat-detection',
      'cat-identity',
      'cat-third-parties',
    ]);
    expect(out.fishbone.categories.find((c) => c.id === 'cat-process')?.causes).toEqual([
      {
        id: cause,
        text: 'no staged rollout for WAF rules',
        evidence: [],
        subCauses: [
          {
            id: sub,
            text: 'emergency path reused for routine rules',
            evidence: [ids[1]],
            subCauses: [],
          },
        ],
      },
    ]);
    // Both items were created in the same millisecond, so their order is by random id: sort by title.
    const byTitle = (a: { title: string }, b: { title: string }) => (a.title < b.title ? -1 : 1);
    expect([...out.actionItems].sort(byTitle)).toEqual(
      [
        {
          id: expect.any(String),
          title: 'Stage WAF rule rollouts',
          owner: 'waf-team',
          dueDate: '2019-09-30',
          priority: 'high',
          status: 'open',
          addresses: { kind: 'cause', id: cause },
          jiraKey: null,
        },
        {
          id: expect.any(String),
          title: 'Re-introduce regex CPU protection',
          owner: '',
          dueDate: null,
          priority: 'medium',
          status: 'open',
          addresses: null,
          jiraKey: null,
        },
      ].sort(byTitle),
    );
  });

  it('takes the root cause from the board, else from the whys marked as root causes', () => {
    const { doc } = fullBoard();
    expect(buildRcaExport(doc, { room: 'r', exportedAt: EXPORTED_AT }).rootCause).toBe(
      'rules ship globally in one step with no staged rollout',
    );
    updateMeta(doc, { rootCause: 'Unbounded regex in a globally deployed rule' });
    expect(buildRcaExport(doc, { room: 'r', exportedAt: EXPORTED_AT }).rootCause).toBe(
      'Unbounded regex in a globally deployed rule',
    );
  });

  it('reports a foreign, unparseable event time as a warning and still validates', () => {
    const doc = new Y.Doc();
    const bad = new Y.Map<unknown>();
    bad.set('time', 'last tuesday');
    bad.set('description', 'from an old client');
    doc.getMap('events').set('ev_old', bad);
    const out = buildRcaExport(doc, { room: 'r', exportedAt: EXPORTED_AT });
    expect(out.timeline[0]).toMatchObject({ id: 'ev_old', time: 'last tuesday', timeUtc: null });
    expect(out.warnings[0]).toMatchObject({ code: 'invalid-event-time', eventIds: ['ev_old'] });
    expectValid(JSON.parse(JSON.stringify(out)));
  });

  it('is strict: the schema refuses unknown fields, missing fields and negative metrics', () => {
    const good = JSON.parse(
      JSON.stringify(buildRcaExport(fullBoard().doc, { room: 'r', exportedAt: EXPORTED_AT })),
    );
    expect(isValid({ ...good, extra: 1 })).toBe(false);
    const { rootCause: _dropped, ...missing } = good;
    expect(isValid(missing)).toBe(false);
    expect(isValid({ ...good, metrics: { ...good.metrics, dwellSeconds: -1 } })).toBe(false);
    expect(isValid({ ...good, timeline: [{ ...good.timeline[0], phase: 'panic' }] })).toBe(false);
    expect(isValid(good)).toBe(true);
  });
});
