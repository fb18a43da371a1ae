/**
 * The CLI in-process (run() with captured output) on files and against a real relay and a fake
 * Jira, plus one real process to prove the exit code reaches the shell.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trendsTable } from '../../../apps/cli/src/commands/metrics.ts';
import { run } from '../../../apps/cli/src/program.ts';
import { boardState, bundle, parseBackup } from '../../../apps/relay/src/index.ts';
import {
  removeDir,
  startRelay,
  type TestRelay,
  tempDir,
} from '../../../apps/relay/test/helpers.ts';
import { type FakeJira, startFakeJira } from '../../../apps/relay/test/jiraServer.ts';
import {
  addActionItem,
  addDetectionRule,
  addEvents,
  buildRcaExport,
  draftSigmaRule,
  initBoard,
  METRIC_DEFINITIONS,
  parseRcaExport,
  readActionItems,
  type Trends,
} from '../../../packages/core/src/index.ts';

const MAIN = fileURLToPath(new URL('../../../apps/cli/src/main.ts', import.meta.url));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
  });
  return { code, stdout, stderr };
}

function boardDoc(detected: string): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, {
    title: 'Phish | 1',
    incidentId: 'INC-1',
    severity: 'SEV2',
    problem: 'Mailbox taken',
  });
  addEvents(doc, [
    {
      time: new Date(Date.parse(detected) - 7_200_000).toISOString(),
      description: '=click',
      phase: 'compromise',
    },
    { time: detected, description: 'user reported', phase: 'detection' },
  ]);
  addActionItem(doc, {
    title: 'Enforce phishing-resistant MFA',
    owner: 'iam',
    priority: 'critical',
    dueDate: '2024-09-01',
  });
  addActionItem(doc, { title: 'Tune mail filter', priority: 'low' });
  const good = draftSigmaRule({
    basis: 'OAuth consent',
    boardTitle: 'b',
    incidentId: '',
    author: 'a',
    date: '2024-05-01',
  });
  addDetectionRule(doc, {
    title: 'consent',
    yaml: good.replace("'CHANGE-ME'", "'consent'"),
  });
  addDetectionRule(doc, { title: 'broken', yaml: 'level: loud\n' });
  // A draft still holding its placeholder would match the literal text CHANGE-ME: not exported.
  addDetectionRule(doc, { title: 'unfinished draft', yaml: good });
  return doc;
}

/** A causeway-backup bundle (what `causeway backup` writes) holding these boards. */
const backupOf = (boards: Record<string, Y.Doc>) =>
  bundle(
    Object.entries(boards).map(([room, doc]) => ({
      room,
      state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
      snapshots: [],
      invites: [],
      audit: [],
    })),
  );

let dir: string;
let jsonFile: string;
let backupFile: string;
let relay: TestRelay;
let room: string;
let jira: FakeJira;

beforeAll(async () => {
  dir = tempDir();
  jsonFile = join(dir, 'board.json');
  backupFile = join(dir, 'backup.json');
  writeFileSync(
    jsonFile,
    JSON.stringify(buildRcaExport(boardDoc('2024-04-02T10:00:00Z'), { room: 'r1' })),
  );
  writeFileSync(backupFile, JSON.stringify(backupOf({ r2: boardDoc('2024-05-02T10:00:00Z') })));
  relay = await startRelay({ jiraAllowHttp: true });
  // The fake Jira speaks plain http; one test below checks the refusal without this.
  process.env.CAUSEWAY_JIRA_ALLOW_HTTP = '1';
  jira = await startFakeJira({ authorization: 'Bearer pat' });
  const res = await fetch(`${relay.http}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Live board', incidentId: 'INC-2', severity: 'SEV1' }),
  });
  room = ((await res.json()) as { room: string }).room;
  await relay.app.rooms.withRoom(room, ({ doc }) => {
    addEvents(doc, [
      { time: '2024-04-10T08:00:00Z', description: 'in', phase: 'compromise' },
      { time: '2024-04-10T09:00:00Z', description: 'seen', phase: 'detection' },
    ]);
    addActionItem(doc, { title: 'Rotate tokens' });
  });
});

afterAll(async () => {
  delete process.env.CAUSEWAY_JIRA_ALLOW_HTTP;
  await relay.close();
  await jira.close();
  removeDir(dir);
});

describe('report and export on files', () => {
  it('reports an RCA export as Markdown on stdout and HTML into a file', async () => {
    const md = await cli('report', jsonFile);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Post-incident review: Phish \\| 1');
    const out = join(dir, 'r.html');
    const html = await cli('report', jsonFile, '--format', 'html', '--out', out);
    expect(html.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('reads a backup written by `causeway backup`, and asks for one board when it holds several', async () => {
    const r = await cli('export', backupFile);
    expect(r.code).toBe(0);
    const parsed = parseRcaExport(JSON.parse(r.stdout));
    expect(parsed.ok && parsed.rca.board.title).toBe('Phish | 1');
    expect(parsed.ok && parsed.rca.room).toBe('r2');
    const two = join(dir, 'two.json');
    writeFileSync(
      two,
      JSON.stringify(
        backupOf({ a: boardDoc('2024-01-02T00:00:00Z'), b: boardDoc('2024-08-02T00:00:00Z') }),
      ),
    );
    const many = await cli('report', two);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/holds 2 boards \(a, b\)/);
    const t = await cli('metrics', two, '--format', 'json');
    expect(JSON.parse(t.stdout).quarters.map((q: { quarter: string }) => q.quarter)).toEqual([
      '2024-Q1',
      '2024-Q3',
    ]);
  });

  it('exports CSV with formulas neutralised, and Sigma with exit 1 naming the invalid rule', async () => {
    const csv = await cli('export', jsonFile, '--format', 'timeline-csv');
    expect(csv.stdout).toContain("'=click");
    const sigma = await cli('export', jsonFile, '--format', 'sigma');
    expect(sigma.code).toBe(1);
    expect(sigma.stdout).toContain('title: OAuth consent');
    expect(sigma.stdout).not.toContain('level: loud');
    expect(sigma.stderr).toMatch(/2 rule\(s\) fail the Sigma checks and were not exported: /);
    expect(sigma.stderr).toContain('broken');
    expect(sigma.stderr).toContain('unfinished draft');
    expect(sigma.stdout).not.toContain('CHANGE-ME');
  });

  it('refuses a file that is neither an export nor a backup (1) and a missing file (2)', async () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    const bad = await cli('report', junk);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/neither a Causeway RCA export nor a backup/);
    expect((await cli('report', join(dir, 'missing.json'))).code).toBe(2);
  });

  it('usage mistakes exit 2', async () => {
    expect((await cli('report', jsonFile, '--format', 'pdf')).code).toBe(2);
    expect((await cli('report')).code).toBe(2);
    expect((await cli('nonsense')).code).toBe(2);
    expect((await cli('metrics', jsonFile, '--from', 'last week')).code).toBe(2);
    expect(
      (await cli('jira', 'push', jsonFile, '--base-url', jira.url, '--project', 'sec')).code,
    ).toBe(2);
  });
});

describe('metrics', () => {
  it('computes per-quarter trends over files', async () => {
    const r = await cli('metrics', jsonFile, backupFile, '--format', 'json');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as {
      quarters: {
        quarter: string;
        incidents: number;
        metrics: { dwellSeconds: { mean: number } };
      }[];
    };
    expect(t.quarters.map((q) => [q.quarter, q.incidents])).toEqual([['2024-Q2', 2]]);
    expect(t.quarters[0]?.metrics.dwellSeconds.mean).toBe(7200);
    const table = await cli('metrics', jsonFile, backupFile);
    expect(table.stdout).toContain('2024-Q2: 2 incident(s)');
    expect(table.stdout).toMatch(/Dwell time\s+n=2\s+mean 2 h 0 min/);
  });

  it('sizes the table columns to their content, so long durations stay aligned', () => {
    const stats = (mean: number | null) => ({
      n: 1,
      mean,
      median: mean,
      p90: mean,
      missing: 0,
      outOfOrder: 0,
    });
    const metrics = Object.fromEntries(
      METRIC_DEFINITIONS.map((d, i) => [d.key, stats(i === 0 ? 248_460_000 : 60)]),
    );
    const table = trendsTable({
      from: null,
      to: null,
      undated: 0,
      quarters: [{ quarter: '2024-Q1', incidents: 1, metrics }],
    } as unknown as Trends);
    const rows = table.split('\n').filter((l) => l.includes('median'));
    expect(rows[0]).toContain('mean 2875 d 16 h 40 min');
    expect(new Set(rows.map((r) => r.indexOf('median'))).size).toBe(1);
    expect(new Set(rows.map((r) => r.indexOf('p90'))).size).toBe(1);
  });

  it('refuses --from later than --to as a usage error (2), for files and a relay', async () => {
    for (const source of [jsonFile, relay.http]) {
      const r = await cli('metrics', source, '--from', '2024-06-01', '--to', '2024-01-01');
      expect(r.code, source).toBe(2);
      expect(r.stderr).toContain('--from (2024-06-01) is later than --to (2024-01-01)');
    }
  });

  it('refuses an impossible calendar date (30 February) as a usage error (2)', async () => {
    for (const source of [jsonFile, relay.http]) {
      const r = await cli('metrics', source, '--from', '2024-02-30');
      expect(r.code, source).toBe(2);
      expect(r.stderr).toContain('--from is not a calendar date: 2024-02-30');
      // The date library's own wording stays out of the message.
      expect(r.stderr).not.toContain('of type number');
    }
  });

  it('explains a malformed date readably (2), and takes an empty --from as not set', async () => {
    for (const source of [jsonFile, relay.http]) {
      const r = await cli('metrics', source, '--from', 'yesterday');
      expect(r.code, source).toBe(2);
      expect(r.stderr).toContain(
        '--from must be a date like 2024-01-31 or a date-time with an offset like 2024-01-31T08:00:00Z, got "yesterday"',
      );
      expect((await cli('metrics', source, '--from', '', '--format', 'json')).code, source).toBe(0);
    }
  });

  it('asks a running relay for /api/metrics by URL', async () => {
    const r = await cli('metrics', relay.http, '--from', '2024-04-01', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).quarters[0]).toMatchObject({ quarter: '2024-Q2', incidents: 1 });
  });
});

describe('against a relay by URL', () => {
  it('reports and exports a live board; an unknown room (relay refusal) exits 4, no relay exits 3', async () => {
    const r = await cli('report', `${relay.http}/r/${room}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Post-incident review: Live board');
    const missing = await cli('report', `${relay.http}/r/room_nothere`);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/room-not-found/);
    const down = await cli('report', 'http://127.0.0.1:9/r/room_x');
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/cannot reach/);
    expect((await cli('report', `${relay.http}/nowhere`)).code).toBe(2);
  });
});

describe('jira push', () => {
  const common = ['--base-url', '', '--project', 'SEC', '--api', '2'];
  const args = (source: string, ...extra: string[]) => {
    const a = [...common];
    a[1] = jira.url;
    return ['jira', 'push', source, ...a, ...extra];
  };

  it('refuses a plain-http Jira URL (2) unless CAUSEWAY_JIRA_ALLOW_HTTP=1, and sends nothing', async () => {
    process.env.JIRA_API_TOKEN = 'pat';
    delete process.env.CAUSEWAY_JIRA_ALLOW_HTTP;
    try {
      const r = await cli(...args(jsonFile));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--base-url: the Jira URL must use https');
      // A dry run sends nothing, so plain http is allowed for it.
      expect((await cli(...args(jsonFile, '--dry-run'))).code).toBe(0);
      expect(jira.requests).toHaveLength(0);
    } finally {
      process.env.CAUSEWAY_JIRA_ALLOW_HTTP = '1';
    }
  });

  it('upper-cases a lower-case project key, and explains a key Jira cannot have (2)', async () => {
    const lower = [...args(jsonFile, '--dry-run')];
    lower[lower.indexOf('--project') + 1] = 'sec';
    const r = await cli(...lower);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"key": "SEC"');
    lower[lower.indexOf('--project') + 1] = '9sec';
    const bad = await cli(...lower);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Jira project keys are upper-case letters');
  });

  it('dry run prints the bulk bodies and needs no token', async () => {
    const r = await cli(...args(jsonFile, '--dry-run'));
    expect(r.code).toBe(0);
    const bodies = JSON.parse(r.stdout) as {
      issueUpdates: { fields: { priority: { name: string } } }[];
    }[];
    expect(bodies[0]?.issueUpdates.map((u) => u.fields.priority.name).sort()).toEqual([
      'Highest',
      'Low',
    ]);
    // What becomes of the owner, per item (v2: the owner text goes as a user name).
    expect(r.stderr).toContain(
      '"Enforce phishing-resistant MFA": owner "iam" sent as the Jira username "iam"',
    );
    expect(jira.requests).toHaveLength(0);
  });

  it('refuses to run without the token variable (2)', async () => {
    delete process.env.JIRA_API_TOKEN;
    expect((await cli(...args(jsonFile))).code).toBe(2);
  });

  it('pushes a file, writes the keys into it, and a second run creates nothing', async () => {
    process.env.JIRA_API_TOKEN = 'pat';
    const first = await cli(...args(jsonFile));
    expect(first.code).toBe(0);
    // Items by board title with their new keys, not by internal id.
    expect(first.stderr).toContain('created 2, adopted 0 already in Jira, refused 0, skipped 0');
    expect(first.stderr).toMatch(/created "Tune mail filter" → SEC-\d+/);
    const after = parseRcaExport(JSON.parse(readFileSync(jsonFile, 'utf8')));
    if (!after.ok) throw new Error('file no longer parses');
    expect(after.rca.actionItems.map((a) => a.jiraKey)).toEqual([
      expect.stringMatching(/^SEC-\d+$/),
      expect.stringMatching(/^SEC-\d+$/),
    ]);
    const second = await cli(...args(jsonFile));
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: [], alreadyLinked: 2 });
    expect(second.stderr).toContain('skipped 2 already linked');
    expect(jira.issues).toHaveLength(2);
  });

  it('names a refused item by its title (exit 1)', async () => {
    process.env.JIRA_API_TOKEN = 'pat';
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Refusals' });
    addActionItem(doc, { title: 'REJECT this item' });
    const file = join(dir, 'refused.json');
    writeFileSync(file, JSON.stringify(buildRcaExport(doc, { room: 'r9' })));
    const r = await cli(...args(file));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused "REJECT this item": summary: /);
    expect(r.stderr).not.toMatch(/act_/);
  });

  it('pushes a backup file and writes keys into its board state', async () => {
    process.env.JIRA_API_TOKEN = 'pat';
    expect((await cli(...args(backupFile))).code).toBe(0);
    const backup = parseBackup(JSON.parse(readFileSync(backupFile, 'utf8')));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, boardState(backup.boards[0] as (typeof backup.boards)[number]));
    const items = readActionItems(doc);
    expect(items).toHaveLength(2);
    expect(items.every((a) => /^SEC-\d+$/.test(a.jiraKey))).toBe(true);
  });

  it('through the relay by board URL; wrong token exits 1, unreachable Jira exits 3', async () => {
    process.env.JIRA_API_TOKEN = 'wrong';
    const denied = await cli(...args(`${relay.http}/r/${room}`));
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/jira-auth-failed/);
    process.env.JIRA_API_TOKEN = 'pat';
    const ok = await cli(...args(`${relay.http}/r/${room}`));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).created).toHaveLength(1);
    const a = [...args(jsonFile)];
    a[a.indexOf('--base-url') + 1] = 'http://127.0.0.1:9';
    writeFileSync(
      jsonFile,
      JSON.stringify(buildRcaExport(boardDoc('2024-04-02T10:00:00Z'), { room: 'r1' })),
    );
    expect((await cli(...a)).code).toBe(3);
  });
});

describe('a real process', () => {
  it('exits with the code run() returns', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', MAIN, 'report', join(dir, 'missing.json')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/causeway: cannot read/);
  });
});
