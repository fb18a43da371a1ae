/**
 * The review's outputs in a real browser against a real relay: a board from a template, a Sigma
 * rule drafted from an action item and checked as it is typed, playbook updates and minutes, the
 * report opened (HTML) and downloaded (Markdown), and the trends page. Screenshots go to docs/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type FakeJira, startFakeJira } from '../../apps/relay/test/jiraServer.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, fixture, SCREENSHOTS, startWebRelay } from './relay.ts';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const sigmaSchema = ajv.compile(
  JSON.parse(readFileSync(fixture('formats/sigma-detection-rule-schema.json'), 'utf8')),
);

let relay: E2ERelay;
let jira: FakeJira;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The fake Jira speaks plain http on loopback.
  relay = await startWebRelay({ jiraAllowHttp: true });
  jira = await startFakeJira({ authorization: 'Bearer pat' });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await jira?.close();
});

/** A board with `events`, through the REST API. */
async function postBoard(title: string, events: readonly object[]): Promise<void> {
  const res = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, incidentId: '', severity: 'SEV3' }),
  });
  const { room } = (await res.json()) as { room: string };
  const imp = await fetch(`${relay.url}/api/rooms/${room}/timeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  expect(imp.status).toBe(201);
}

/** Replaces the whole rule text the way a person would: select all, type. */
async function typeYaml(p: Page, text: string): Promise<void> {
  const area = p.getByTestId('rule-yaml');
  await area.click();
  await area.press('Control+a');
  await area.fill(text);
}

describe('outputs of a review', () => {
  it('creates a ransomware board whose agenda and categories come from the template', async () => {
    await page.goto(relay.url);
    const form = page.getByTestId('create-board-form');
    await form.getByLabel('Title').fill('Kerberoast </table><script>alert(1)</script>');
    await form.getByLabel('Incident id').fill('INC-77');
    await page.getByTestId('template').selectOption('ransomware');
    await form.getByLabel('Problem statement').fill('Domain admin taken | via `RC4` tickets');
    await form.getByRole('button', { name: 'Create board' }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]+$/);
    await page.getByTestId('agenda').locator('summary').click();
    await expect.poll(() => page.getByTestId('agenda').textContent()).toContain('Ransomware');
    const agenda = await page.getByTestId('agenda').textContent();
    expect(agenda).toContain('Timeline walkthrough');
    expect(agenda).toContain('90 min');
    expect(agenda).toContain('What information did we need sooner?');
  });

  it('imports a timeline, adds an action item and a playbook update', async () => {
    await page
      .getByTestId('import-file')
      .setInputFiles(fixture('timelines/circleci_2023_01_04_security_incident.csv'));
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('event-row').count()).toBe(11);
    await page.getByTestId('new-action-title').fill('Alert on RC4 service tickets');
    await page.getByTestId('add-action-item').click();
    await page.getByTestId('new-playbook-name').fill('AD compromise');
    await page.getByTestId('add-playbook-update').click();
    const change = page.getByTestId('playbook-change');
    await change.fill('Reset krbtgt twice | then # rotate service accounts');
    await change.press('Tab');
    await expect.poll(() => page.getByTestId('playbook-update').count()).toBe(1);
  });

  it('drafts a Sigma rule from the action item and shows errors by line as you type', async () => {
    await page.getByTestId('tab-rules').click();
    // With no rule, or none valid, the bundle would hold only a comment: nothing to download.
    const downloadAll = page.getByTestId('download-all-rules');
    expect(await downloadAll.isDisabled()).toBe(true);
    await page.getByTestId('rule-source').selectOption({ label: 'Alert on RC4 service tickets' });
    await page.getByTestId('draft-rule').click();
    const area = page.getByTestId('rule-yaml');
    await expect.poll(() => area.inputValue()).toContain('title: Alert on RC4 service tickets');
    // The fresh draft is invalid until its placeholder is replaced: it is not downloadable.
    await expect
      .poll(() => page.getByTestId('rule-checks').textContent())
      .toMatch(/Replace the CHANGE-ME placeholder on line \d+/);
    expect(await page.getByTestId('download-rule').isDisabled()).toBe(true);
    expect(await downloadAll.isDisabled()).toBe(true);
    expect(await downloadAll.getAttribute('title')).toMatch(/No rule is valid yet/);
    const draft = await area.inputValue();

    const broken = draft
      .replace('level: medium', 'level: severe')
      .replace(/^date: .*$/m, 'date: 2024-13-01');
    await typeYaml(page, broken);
    const lineOf = (needle: string) =>
      broken.split('\n').findIndex((l) => l.startsWith(needle)) + 1;
    await expect
      .poll(() => page.getByTestId('rule-issue').allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining(`Line ${lineOf('date:')}`),
          expect.stringContaining(`Line ${lineOf('level:')}`),
        ]),
      );
    expect(await page.getByTestId('download-rule').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}sigma-errors.png` });

    const fixed = draft
      .replace("CommandLine|contains: 'CHANGE-ME'", "TicketEncryptionType: '0x17'")
      .replace('tags: []', 'tags:\n    - attack.credential-access\n    - attack.t1558.003')
      .replace(
        'category: process_creation\n    product: windows',
        'product: windows\n    service: security',
      );
    await typeYaml(page, fixed);
    await expect.poll(() => page.getByTestId('rule-valid').count()).toBe(1);
    await expect.poll(() => downloadAll.isEnabled()).toBe(true);
    const download = page.waitForEvent('download');
    await page.getByTestId('download-rule').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('alert_on_rc4_service_tickets.yml');
    const rule = parse(readFileSync((await file.path()) as string, 'utf8'));
    expect(sigmaSchema(rule), JSON.stringify(sigmaSchema.errors)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}sigma.png` });
  });

  it('takes minutes that reach the report', async () => {
    await page.getByTestId('tab-notes').click();
    await page
      .getByTestId('note-executiveSummary')
      .fill('An attacker reached domain admin through Kerberoasting.');
    await page.getByTestId('note-minutes').fill('# Alice: paging took 40 min\n| Bob | agreed |');
  });

  it('opens the HTML report and downloads the Markdown', async () => {
    const popup = page.waitForEvent('popup');
    await page.getByTestId('header-report').click();
    const report = await popup;
    await report.waitForLoadState();
    await expect
      .poll(() => report.locator('h2').allTextContents())
      .toEqual([
        'Executive summary',
        'Incident summary',
        'Timeline',
        'Metrics',
        '5 Whys',
        'Fishbone',
        'Root cause',
        'Action items',
        'Playbook updates',
        'Detection rules',
        'Meeting minutes',
      ]);
    // The hostile title is text, not markup: no script element exists on the page.
    expect(await report.locator('h1').textContent()).toContain('</table><script>alert(1)</script>');
    expect(await report.locator('script').count()).toBe(0);
    expect(await report.locator('table').first().locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await report.locator('.fishbone svg').count()).toBe(1);
    await report.setViewportSize({ width: 1100, height: 900 });
    await report.screenshot({ path: `${SCREENSHOTS}report.png` });
    await report.locator('h2', { hasText: 'Fishbone' }).scrollIntoViewIfNeeded();
    await report.screenshot({ path: `${SCREENSHOTS}report-fishbone.png` });
    await report.close();

    const download = page.waitForEvent('download');
    await page.getByTestId('download-report-md').click();
    const md = readFileSync((await (await download).path()) as string, 'utf8');
    expect(md).toContain('# Post-incident review: Kerberoast &lt;/table&gt;&lt;script&gt;');
    expect(md).toContain('\\# Alice: paging took 40 min');
    expect(md).toContain(
      '| AD compromise | Reset krbtgt twice \\| then # rotate service accounts |',
    );
    expect(md).toContain('Sigma check: valid');
    await page.screenshot({ path: `${SCREENSHOTS}board-outputs.png` });
  });

  it('previews the Jira payloads in the dialog without sending anything', async () => {
    const owner = page.getByTestId('action-owner').first();
    await owner.fill('alice');
    await owner.blur();
    await page.getByTestId('open-jira').click();
    const dialog = page.getByTestId('jira-dialog');
    await dialog.getByLabel('Jira URL').fill('https://acme.atlassian.net');
    await dialog.getByLabel('Project key').fill('SEC');
    await page.getByTestId('jira-dry-run').click();
    await expect
      .poll(() => page.getByTestId('jira-preview').textContent())
      .toContain('/rest/api/3/issue/bulk');
    const preview = await page.getByTestId('jira-preview').textContent();
    expect(preview).toContain('"summary": "Alert on RC4 service tickets"');
    expect(preview).toContain('"type": "doc"');
    // Cloud cannot assign "alice" (no accountId): the preview says so instead of dropping it.
    const items = page.getByTestId('jira-preview-items');
    expect(await items.textContent()).toContain(
      'Alert on RC4 service tickets: owner "alice" not assigned: Jira Cloud needs an accountId',
    );
    // The owner mapping (the CLI's --assignee) fixes it.
    await dialog
      .getByLabel('Assignees (owner=Jira user, one per line)')
      .fill('alice=5b109f2e9729b51b54dc274d');
    await page.getByTestId('jira-dry-run').click();
    await expect
      .poll(() => items.textContent())
      .toContain('owner "alice" assigned to accountId 5b109f2e9729b51b54dc274d');
    expect(await page.getByTestId('jira-preview').textContent()).toContain(
      '"accountId": "5b109f2e9729b51b54dc274d"',
    );
    expect(await page.getByTestId('jira-send').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}jira-dialog.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('names the created and the refused items by title after a push', async () => {
    await page.getByTestId('new-action-title').fill('REJECT this one');
    await page.getByTestId('add-action-item').click();
    await page.getByTestId('open-jira').click();
    const dialog = page.getByTestId('jira-dialog');
    await dialog.getByLabel('Jira URL').fill(jira.url);
    await dialog.getByLabel('API token (not stored)').fill('pat');
    await page.getByTestId('jira-send').click();
    await expect
      .poll(() => page.getByTestId('jira-result').textContent())
      .toMatch(
        /^Created 1: "Alert on RC4 service tickets" → SEC-\d+\. 1 refused: "REJECT this one" \(summary: /,
      );
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('shows the trends page with a chart per metric', async () => {
    // Three more reviews in 2023, through the REST API, so the chart has quarters to compare.
    const h = (hours: number, base: string) =>
      new Date(Date.parse(base) + hours * 3_600_000).toISOString();
    for (const [base, dwell, contain] of [
      ['2023-02-01T09:00:00Z', 30, 5],
      ['2023-03-10T09:00:00Z', 80, 12],
      ['2023-05-20T09:00:00Z', 20, 3],
    ] as const) {
      const res = await fetch(`${relay.url}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Review ${base}`, incidentId: '', severity: 'SEV3' }),
      });
      const { room } = (await res.json()) as { room: string };
      const events = [
        { time: h(-dwell, base), description: 'in', phase: 'compromise' },
        { time: base, description: 'alert', phase: 'detection' },
        { time: h(1, base), description: 'triaged', phase: 'triage' },
        { time: h(contain, base), description: 'contained', phase: 'containment' },
        { time: h(contain + 10, base), description: 'closed', phase: 'closure' },
      ];
      const imp = await fetch(`${relay.url}/api/rooms/${room}/timeline`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(events),
      });
      expect(imp.status).toBe(201);
    }
    await page.goto(`${relay.url}/trends`);
    await expect.poll(() => page.getByTestId('quarter-chart').count()).toBe(5);
    const incidents = await page.getByTestId('incident-chart').textContent();
    for (const q of ['2022-Q4', '2023-Q1', '2023-Q2']) expect(incidents).toContain(q);
    expect(await page.getByTestId('left-out-timeToRecoverSeconds').textContent()).toMatch(
      /Left out: 4 missing/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}trends.png`, fullPage: true });
  });

  /** The quarters of the incident chart, with their counts. */
  const incidentRows = () =>
    page
      .getByTestId('incident-chart')
      .locator('tr')
      .evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));

  it('shows the empty quarters between incidents with 0', async () => {
    // A year and a half before the others, so four quarters without incidents lie between.
    await postBoard('Review 2021', [
      { time: '2021-07-01T08:00:00Z', description: 'in', phase: 'compromise' },
      { time: '2021-07-01T09:00:00Z', description: 'alert', phase: 'detection' },
    ]);
    await page.goto(`${relay.url}/trends`);
    await expect.poll(incidentRows).toContain('2021-Q40');
    const rows = await incidentRows();
    expect(rows.slice(0, 5)).toEqual(['2021-Q31', '2021-Q40', '2022-Q10', '2022-Q20', '2022-Q30']);
    expect(rows.map((r) => r.slice(0, 7))).toEqual([
      '2021-Q3',
      '2021-Q4',
      '2022-Q1',
      '2022-Q2',
      '2022-Q3',
      '2022-Q4',
      '2023-Q1',
      '2023-Q2',
    ]);
    // An empty quarter has a place on each metric's axis but no bar.
    const chart = page.getByTestId('quarter-chart').first();
    expect(await chart.locator('rect title').allTextContents()).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^2022-Q1 /)]),
    );
    await page.screenshot({ path: `${SCREENSHOTS}trends-gaps.png`, fullPage: true });
  });

  it('reads the range from the URL and keeps the URL in step with the form', async () => {
    await page.goto(`${relay.url}/trends?from=2023-01-01&to=2023-06-30`);
    await expect.poll(incidentRows).toEqual(['2023-Q12', '2023-Q21']);
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2023-01-01');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2023-06-30');
    await page.getByLabel('From', { exact: true }).fill('2023-04-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(incidentRows).toEqual(['2023-Q21']);
    expect(new URL(page.url()).search).toBe('?from=2023-04-01&to=2023-06-30');
  });

  it('hides the charts of the last good range when a range is refused', async () => {
    await page.getByLabel('From', { exact: true }).fill('2023-12-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByTestId('trends-error').count()).toBe(1);
    expect(await page.getByTestId('trends-error').textContent()).toMatch(/later than/);
    expect(await page.getByTestId('incident-chart').count()).toBe(0);
    expect(await page.getByTestId('quarter-chart').count()).toBe(0);
    expect(new URL(page.url()).search).toBe('?from=2023-12-31&to=2023-06-30');
    await page.screenshot({ path: `${SCREENSHOTS}trends-bad-range.png` });
    // A good range again brings the charts back.
    await page.getByLabel('From', { exact: true }).fill('2023-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(incidentRows).toEqual(['2023-Q12', '2023-Q21']);
    expect(await page.getByTestId('trends-error').count()).toBe(0);
  });

  it('says so when the incidents span more quarters than are padded out', async () => {
    await postBoard('Review 2005', [
      { time: '2005-02-01T09:00:00Z', description: 'alert', phase: 'detection' },
    ]);
    await page.goto(`${relay.url}/trends`);
    await expect.poll(() => page.getByTestId('quarters-capped').count()).toBe(1);
    expect(await page.getByTestId('quarters-capped').textContent()).toMatch(
      /span 74 quarters, more than 40/,
    );
    // Only quarters with incidents: 2005-Q1 sits beside 2021-Q3.
    expect((await incidentRows()).slice(0, 2)).toEqual(['2005-Q11', '2021-Q31']);
    await page.screenshot({ path: `${SCREENSHOTS}trends-capped.png`, fullPage: true });
  });

  it('draws nearly ten years of quarters with labels that do not overlap', async () => {
    await postBoard('Review 2013', [
      { time: '2013-11-05T09:00:00Z', description: 'in', phase: 'compromise' },
      { time: '2013-11-06T09:00:00Z', description: 'alert', phase: 'detection' },
    ]);
    // 2013-Q4 to 2023-Q2: 39 quarters, under the cap, so every one is drawn.
    await page.goto(`${relay.url}/trends?from=2010-01-01`);
    await expect.poll(async () => (await incidentRows()).length).toBe(39);
    expect(await page.getByTestId('quarters-capped').count()).toBe(0);
    const chart = page.getByTestId('quarter-chart').first();
    const boxes = await chart
      .getByTestId('quarter-label')
      .evaluateAll((ls) =>
        ls.map((l) => l.getBoundingClientRect()).map((r): [number, number] => [r.left, r.right]),
      );
    expect(boxes.length).toBeGreaterThan(3);
    for (let i = 1; i < boxes.length; i++)
      expect(boxes[i]?.[0], `label ${i}`).toBeGreaterThan(boxes[i - 1]?.[1] ?? 0);
    const svg = await chart.locator('svg').boundingBox();
    const last = boxes.at(-1);
    expect(svg && last && last[1] <= svg.x + svg.width).toBe(true);
    await chart.screenshot({ path: `${SCREENSHOTS}trends-39-quarters.png` });
  });
});
