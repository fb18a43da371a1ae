/** Output routes through app.inject: reports, CSV, Sigma, Jira (against a fake Jira), trends, templates. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addActionItem,
  addDetectionRule,
  addEvents,
  addPlaybookUpdate,
  addWhy,
  draftSigmaRule,
  readActionItems,
  readFishbone,
  spliceNote,
  templateById,
} from '@causeway/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildApp } from '../src/app.ts';
import { removeDir, tempDir } from './helpers.ts';
import { type FakeJira, startFakeJira } from './jiraServer.ts';

const SHARED = join(import.meta.dirname, '../../../../shared/fixtures/formats');
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const sigmaSchema = ajv.compile(
  JSON.parse(readFileSync(join(SHARED, 'sigma-detection-rule-schema.json'), 'utf8')),
);

const HOSTILE = '</table><script>alert(1)</script> | x | # title `tick`';
const BEARER = 'Bearer s3cret';

let app: FastifyInstance;
let dataDir: string;
let room: string;
let jira: FakeJira;

const post = (url: string, payload: unknown) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });

async function createRoom(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await post('/api/rooms', {
    title: 'Kerberoast',
    incidentId: 'INC-7',
    severity: 'SEV2',
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ room: string }>().room;
}

const finishedRule = (title: string) =>
  draftSigmaRule({ basis: title, boardTitle: 'b', incidentId: '', author: 'a', date: '2024-05-01' })
    .replace("CommandLine|contains: 'CHANGE-ME'", "CommandLine|contains: 'rubeus'")
    .replace('tags: []', 'tags:\n    - attack.t1558.003');

beforeAll(async () => {
  dataDir = tempDir();
  jira = await startFakeJira({ authorization: BEARER });
  app = await buildApp({
    dataDir,
    logLevel: 'silent',
    webDist: join(dataDir, 'missing'),
    jiraAllowHttp: true,
  });
  room = await createRoom({ template: 'ransomware' });
  await app.rooms.withRoom(room, ({ doc }) => {
    addEvents(doc, [
      {
        time: '2024-05-01T08:00:00Z',
        description: HOSTILE,
        phase: 'compromise',
        source: '=cmd',
        actor: '@me',
      },
      { time: '2024-05-01T10:00:00Z', description: 'EDR alert', phase: 'detection' },
    ]);
    const why = addWhy(doc, null, HOSTILE);
    for (const t of ['Disable RC4', 'REJECT this one', 'Alert on TGS']) {
      addActionItem(doc, {
        title: t,
        priority: 'high',
        owner: 'alice',
        addresses: { kind: 'why', id: why },
      });
    }
    addPlaybookUpdate(doc, {
      playbook: 'AD compromise',
      change: HOSTILE,
      answers: { kind: 'why', id: why },
    });
    addDetectionRule(doc, { title: 'good', yaml: finishedRule('Kerberoast RC4') });
    addDetectionRule(doc, {
      title: 'draft with placeholder',
      yaml: finishedRule('Second').replace("'rubeus'", "'CHANGE-ME'"),
    });
    addDetectionRule(doc, { title: 'broken', yaml: 'title: x\nlevel: loud\n' });
    spliceNote(doc, 'minutes', 0, 0, `# minutes\n${HOSTILE}`);
  });
});

afterAll(async () => {
  await app.close();
  await jira.close();
  removeDir(dataDir);
});

describe('templates on POST /api/rooms', () => {
  it('seeds the template categories and records the id', async () => {
    const meta = await app.inject(`/api/rooms/${room}`);
    expect(meta.json()).toMatchObject({ template: 'ransomware' });
    const categories = await app.rooms.withRoom(room, ({ doc }) => readFishbone(doc).categories);
    expect(categories).toEqual(templateById('ransomware').categories);
  });

  it('refuses an unknown template', async () => {
    const res = await post('/api/rooms', {
      title: 't',
      incidentId: '',
      severity: 'SEV3',
      template: 'nope',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-body' });
  });
});

describe('reports', () => {
  it('GET report.md is a Markdown download with every section, hostile text escaped', async () => {
    const res = await app.inject(`/api/rooms/${room}/report.md`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="causeway-${room}-report.md"`,
    );
    expect(res.body).toContain('## Playbook updates');
    expect(res.body).toContain('&lt;/table&gt;&lt;script&gt;');
    expect(res.body).not.toContain('<script>');
  });

  it('GET report.html is shown inline under a no-script policy', async () => {
    const res = await app.inject(`/api/rooms/${room}/report.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain('<svg ');
  });

  it('404 for a room never stored, 400 for a bad room id', async () => {
    expect((await app.inject('/api/rooms/room_none/report.md')).json()).toMatchObject({
      error: 'room-not-found',
    });
    expect((await app.inject('/api/rooms/bad%20id/report.html')).statusCode).toBe(400);
  });
});

describe('CSV and Sigma downloads', () => {
  it('timeline.csv and action-items.csv neutralise formula cells', async () => {
    const tl = await app.inject(`/api/rooms/${room}/timeline.csv`);
    expect(tl.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(tl.body).toContain("'=cmd");
    expect(tl.body).toContain("'@me");
    const ai = await app.inject(`/api/rooms/${room}/action-items.csv`);
    expect(ai.statusCode).toBe(200);
    expect(ai.body.split('\r\n')[0]).toBe(
      '\uFEFFid,title,owner,due_date,priority,status,addresses,jira_key',
    );
  });

  it('detection-rules.yml holds only rules that pass, each valid against the official schema', async () => {
    const res = await app.inject(`/api/rooms/${room}/detection-rules.yml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-causeway-skipped-rules']).toBe('2');
    expect(res.body).toContain('# not exported, fails the Sigma checks: broken');
    // A left-over placeholder is an error: the rule would only match the text CHANGE-ME.
    expect(res.body).toContain('# not exported, fails the Sigma checks: draft with placeholder');
    expect(res.body).not.toContain("'CHANGE-ME'");
    const docs = parseAllDocuments(res.body);
    expect(docs).toHaveLength(1);
    for (const d of docs) {
      const ok = sigmaSchema(d.toJS());
      expect(ok, JSON.stringify(sigmaSchema.errors)).toBe(true);
    }
  });
});

describe('POST /api/rooms/:room/jira', () => {
  const body = (extra: Record<string, unknown> = {}) => ({
    baseUrl: jira.url,
    auth: { token: 's3cret' },
    projectKey: 'SEC',
    issueType: 'Task',
    apiVersion: 2,
    ...extra,
  });

  it('dry run shows the bulk bodies and needs no credentials', async () => {
    const res = await post(`/api/rooms/${room}/jira`, body({ dryRun: true, auth: undefined }));
    expect(res.statusCode).toBe(200);
    const out = res.json<{
      endpoint: string;
      batches: { issueUpdates: { fields: Record<string, unknown> }[] }[];
    }>();
    expect(out.endpoint).toBe(`${jira.url}/rest/api/2/issue/bulk`);
    expect(out.batches[0]?.issueUpdates).toHaveLength(3);
    // Each item by title, with what v2 does with its owner (the text goes as a user name).
    const items = res.json<{ items: { title: string; assignee: string }[] }>().items;
    expect(items.map((i) => i.title).sort()).toEqual([
      'Alert on TGS',
      'Disable RC4',
      'REJECT this one',
    ]);
    for (const i of items)
      expect(i.assignee).toBe('owner "alice" sent as the Jira username "alice"');
    expect(out.batches[0]?.issueUpdates[0]?.fields).toMatchObject({
      project: { key: 'SEC' },
      priority: { name: 'High' },
    });
    expect(jira.requests).toHaveLength(0);
  });

  it('upper-cases a lower-case project key', async () => {
    const res = await post(
      `/api/rooms/${room}/jira`,
      body({ dryRun: true, auth: undefined, projectKey: 'sec' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      batches: [
        {
          issueUpdates: expect.arrayContaining([
            expect.objectContaining({
              fields: expect.objectContaining({ project: { key: 'SEC' } }),
            }),
          ]),
        },
      ],
    });
  });

  it('refuses http when not allowed, URLs with credentials, and bad bodies', async () => {
    const strict = await buildApp({
      dataDir,
      logLevel: 'silent',
      webDist: join(dataDir, 'missing'),
    });
    try {
      const res = await strict.inject({
        method: 'POST',
        url: `/api/rooms/${room}/jira`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body()),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'jira-url-refused' });
      // A dry run sends nothing to Jira, so http is fine for it.
      const dry = await strict.inject({
        method: 'POST',
        url: `/api/rooms/${room}/jira`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body({ dryRun: true, auth: undefined })),
      });
      expect(dry.statusCode).toBe(200);
    } finally {
      await strict.close();
    }
    const creds = await post(
      `/api/rooms/${room}/jira`,
      body({ baseUrl: 'https://u:p@jira.example' }),
    );
    expect(creds.json()).toMatchObject({ error: 'jira-url-refused' });
    const badKey = await post(`/api/rooms/${room}/jira`, body({ projectKey: 'sec-ops' }));
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json()).toMatchObject({
      error: 'invalid-body',
      message: expect.stringMatching(/^Jira project keys are upper-case letters/),
    });
    expect((await post(`/api/rooms/${room}/jira`, body({ auth: undefined }))).json()).toMatchObject(
      {
        error: 'invalid-body',
      },
    );
  });

  it('401 from Jira becomes 502 jira-auth-failed and creates nothing', async () => {
    const res = await post(`/api/rooms/${room}/jira`, body({ auth: { token: 'wrong' } }));
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ error: 'jira-auth-failed', created: [] });
    expect(jira.issues).toHaveLength(0);
  });

  it('creates issues after a 429, reports the refused one, writes keys back, and never twice', async () => {
    jira.rateLimitNext(1, '1');
    const res = await post(`/api/rooms/${room}/jira`, body());
    expect(res.statusCode).toBe(200);
    const out = res.json<{
      created: { actionId: string; title: string; key: string }[];
      failed: { title: string; message: string }[];
    }>();
    // Items are named by their board titles, not only by internal ids.
    expect(out.created.map((c) => c.title).sort()).toEqual(['Alert on TGS', 'Disable RC4']);
    expect(out.failed).toEqual([
      expect.objectContaining({
        title: 'REJECT this one',
        message: expect.stringMatching(/rejected/),
      }),
    ]);
    const items = await app.rooms.withRoom(room, ({ doc }) => readActionItems(doc));
    for (const c of out.created)
      expect(items.find((i) => i.id === c.actionId)?.jiraKey).toBe(c.key);
    expect(items.find((i) => i.title === 'REJECT this one')?.jiraKey).toBe('');

    const again = await post(`/api/rooms/${room}/jira`, body());
    expect(again.json()).toMatchObject({ created: [], alreadyLinked: 2 });
    expect(jira.issues).toHaveLength(2);
    // The keys reach the report too.
    expect((await app.inject(`/api/rooms/${room}/report.md`)).body).toContain(out.created[0]?.key);
  });

  it('a second push while one runs gets 409', async () => {
    const other = await createRoom();
    await app.rooms.withRoom(other, ({ doc }) => addActionItem(doc, { title: 'x' }));
    jira.rateLimitNext(1, '1');
    const [a, b] = await Promise.all([
      post(`/api/rooms/${other}/jira`, body()),
      new Promise((r) => setTimeout(r, 200)).then(() => post(`/api/rooms/${other}/jira`, body())),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(409);
    expect(b.json()).toMatchObject({ error: 'jira-push-in-progress' });
  });
});

describe('GET /api/metrics', () => {
  it('groups stored boards per quarter and counts the ones each metric leaves out', async () => {
    const mk = async (detected: string, dwellH: number | null) => {
      const r = await createRoom();
      await app.rooms.withRoom(r, ({ doc }) => {
        addEvents(doc, [{ time: detected, description: 'd', phase: 'detection' }]);
        if (dwellH !== null) {
          const t = new Date(Date.parse(detected) - dwellH * 3_600_000).toISOString();
          addEvents(doc, [{ time: t, description: 'c', phase: 'compromise' }]);
        }
      });
    };
    await mk('2023-02-01T00:00:00Z', 1);
    await mk('2023-03-01T00:00:00Z', 3);
    await mk('2023-03-02T00:00:00Z', null);
    const res = await app.inject('/api/metrics?from=2023-01-01&to=2023-03-31');
    expect(res.statusCode).toBe(200);
    const out = res.json<{
      quarters: { quarter: string; incidents: number; metrics: Record<string, unknown> }[];
    }>();
    expect(out.quarters).toEqual([
      {
        quarter: '2023-Q1',
        incidents: 3,
        metrics: expect.objectContaining({
          dwellSeconds: {
            n: 2,
            mean: 7200,
            median: 7200,
            p90: 3600 + 0.9 * 7200,
            missing: 1,
            outOfOrder: 0,
          },
        }),
      },
    ]);
    const again = await app.inject('/api/metrics?from=2023-01-01&to=2023-03-31');
    expect(again.json()).toEqual(res.json());
  });

  it('treats empty from= and to= as not set', async () => {
    const res = await app.inject('/api/metrics?from=&to=');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ from: null, to: null });
  });

  it('refuses a malformed or impossible date, and from later than to, all as invalid-body', async () => {
    for (const q of ['from=yesterday', 'to=2023-02-30T99:00:00Z', 'from=2023-13-45']) {
      const res = await app.inject(`/api/metrics?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json(), q).toMatchObject({ error: 'invalid-body' });
    }
    // Readable, never the raw schema pattern.
    for (const [q, v] of [
      ['from=yesterday', 'from'],
      ['from=99999-01-01', 'from'],
      ['to=2024-1-5', 'to'],
    ] as const) {
      const res = await app.inject(`/api/metrics?${q}`);
      expect(res.json(), q).toEqual({
        error: 'invalid-body',
        message: `${v} must be a date like 2024-01-31 or a date-time with an offset like 2024-01-31T08:00:00Z, got "${q.split('=')[1]}"`,
      });
    }
    // Date.parse rolls 30 February over to 1 March; the calendar check does not.
    const rolled = await app.inject('/api/metrics?from=2024-02-30');
    expect(rolled.statusCode).toBe(400);
    expect(rolled.json()).toEqual({
      error: 'invalid-body',
      message: 'from is not a calendar date: 2024-02-30',
    });
    const reversed = await app.inject('/api/metrics?from=2024-01-01&to=2023-01-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toEqual({
      error: 'invalid-body',
      message: 'from (2024-01-01) is later than to (2023-01-01)',
    });
  });

  it('does not load a board again while it is unchanged, and does once it changes', async () => {
    const r = await createRoom();
    await app.rooms.withRoom(r, ({ doc }) =>
      addEvents(doc, [{ time: '2023-05-01T00:00:00Z', description: 'd', phase: 'detection' }]),
    );
    await app.inject('/api/metrics');
    const loaded: string[] = [];
    const loadLog = app.storage.loadLog.bind(app.storage);
    app.storage.loadLog = async (room) => {
      loaded.push(room);
      return loadLog(room);
    };
    try {
      const again = await app.inject('/api/metrics');
      expect(again.statusCode).toBe(200);
      expect(loaded).toEqual([]);
      await app.rooms.withRoom(r, ({ doc }) =>
        addEvents(doc, [{ time: '2023-05-01T01:00:00Z', description: 'e', phase: 'containment' }]),
      );
      loaded.length = 0; // withRoom may load the room itself; only the trends' loads count
      await app.inject('/api/metrics');
      expect(loaded).toEqual([r]);
    } finally {
      app.storage.loadLog = loadLog;
    }
  });
});

describe('with invites required', () => {
  const SECRET = 'outputs-test-secret-0123456789abcdef';
  let secured: FastifyInstance;
  let dir: string;
  let board: string;
  const tokenFor = async (role: 'viewer' | 'editor') =>
    (await secured.auth.mint({ room: board, role, subject: role, ttlSeconds: 600, createdBy: 't' }))
      ?.token as string;

  beforeAll(async () => {
    dir = tempDir();
    secured = await buildApp({
      dataDir: dir,
      logLevel: 'silent',
      webDist: join(dir, 'missing'),
      secret: SECRET,
      trendsToken: 'trends-token',
    });
    const res = await secured.inject({
      method: 'POST',
      url: '/api/rooms',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'Secret board', incidentId: '', severity: 'SEV3' }),
    });
    board = res.json<{ room: string }>().room;
  });
  afterAll(async () => {
    await secured.close();
    removeDir(dir);
  });

  it('outputs need a viewer invite, the Jira push an editor', async () => {
    const url = `/api/rooms/${board}/report.md`;
    expect((await secured.inject(url)).statusCode).toBe(401);
    const viewer = await tokenFor('viewer');
    for (const path of [
      'report.md',
      'report.html',
      'timeline.csv',
      'action-items.csv',
      'detection-rules.yml',
    ]) {
      const res = await secured.inject({
        url: `/api/rooms/${board}/${path}`,
        headers: { authorization: `Bearer ${viewer}` },
      });
      expect(res.statusCode, path).toBe(200);
    }
    const jira = (token: string) =>
      secured.inject({
        method: 'POST',
        url: `/api/rooms/${board}/jira`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: JSON.stringify({
          baseUrl: 'https://jira.example',
          projectKey: 'SEC',
          issueType: 'Task',
          apiVersion: 3,
          dryRun: true,
        }),
      });
    expect((await jira(viewer)).statusCode).toBe(403);
    expect((await jira(await tokenFor('editor'))).statusCode).toBe(200);
  });

  it('trends across boards need the trends token; a board invite is not enough', async () => {
    expect((await secured.inject('/api/metrics')).json()).toMatchObject({ error: 'forbidden' });
    const viewer = await tokenFor('viewer');
    const withInvite = await secured.inject({
      url: '/api/metrics',
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(withInvite.statusCode).toBe(403);
    const ok = await secured.inject({
      url: '/api/metrics',
      headers: { authorization: 'Bearer trends-token' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ boards: 1 });
  });
});
