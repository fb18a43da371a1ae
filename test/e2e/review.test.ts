/**
 * Two responders run a review of the CircleCI 2023 incident in two real browser pages against
 * a real relay: every edit in one page must appear in the other, and the export holds both.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rcaSchemaErrors } from '../../packages/core/src/testing/rcaSchema.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, fixture, SCREENSHOTS, startWebRelay } from './relay.ts';

const CIRCLECI = fixture('timelines/circleci_2023_01_04_security_incident.csv');

let relay: E2ERelay;
let browser: Browser;
let alice: Page;
let bob: Page;
let boardUrl = '';

async function openAs(name: string, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  if (url.includes('/r/')) await setName(page, name);
  return page;
}

async function setName(page: Page, name: string): Promise<void> {
  const field = page.getByTestId('your-name');
  await field.click();
  await field.fill(name);
  await field.press('Enter');
}

const seconds = (page: Page, key: string) =>
  page.getByTestId(`metric-${key}`).getAttribute('data-seconds');

beforeAll(async () => {
  relay = await startWebRelay();
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

describe('a review of the CircleCI 2023 incident by two responders', () => {
  it('creates a board from the landing page', async () => {
    alice = await openAs('Alice', relay.url);
    const form = alice.getByTestId('create-board-form');
    await form.getByLabel('Title').fill('CircleCI secrets exposure');
    await form.getByLabel('Incident id').fill('INC-2023-001');
    await form.getByLabel('Severity').selectOption('SEV1');
    await form
      .getByLabel('Problem statement')
      .fill('Customer secrets were exfiltrated from CircleCI');
    await alice.screenshot({ path: `${SCREENSHOTS}landing.png` });
    await form.getByRole('button', { name: 'Create board' }).click();
    await alice.waitForURL(/\/r\/[A-Za-z0-9_-]+$/);
    boardUrl = alice.url();
    await setName(alice, 'Alice');
    await expect
      .poll(() => alice.getByTestId('connection-status').getAttribute('data-status'))
      .toBe('connected');
    bob = await openAs('Bob', boardUrl);
    await expect
      .poll(() => alice.getByTestId('peer').allTextContents())
      .toEqual([expect.stringContaining('Bob')]);
    await expect
      .poll(() => bob.getByTestId('peer').allTextContents())
      .toEqual([expect.stringContaining('Alice')]);
  });

  it('imports the timeline in one page and shows it in the other within a second', async () => {
    await alice.getByTestId('import-file').setInputFiles(CIRCLECI);
    await expect
      .poll(() => alice.getByTestId('import-result').textContent())
      .toContain('Added 11 events');
    const started = Date.now();
    await expect.poll(() => bob.getByTestId('event-row').count(), { timeout: 1000 }).toBe(11);
    expect(Date.now() - started).toBeLessThan(1000);
    // Dwell 2022-12-29 − 2022-12-16 = 13 d = 1,123,200 s; no recovery milestone yet.
    await expect.poll(() => seconds(bob, 'dwellSeconds')).toBe('1123200');
    await expect
      .poll(() => bob.getByTestId('metric-timeToRecoverSeconds').textContent())
      .toContain('recovery');
  });

  it('keeps an edit made in one page and a re-tag made in the other', async () => {
    const firstRow = (p: Page) => p.getByTestId('event-row').first();
    const desc = firstRow(alice).getByTestId('event-description');
    await desc.click();
    await desc.fill(
      'Info-stealing malware lands on an engineer laptop (2FA session cookie stolen)',
    );
    await desc.press('Enter');
    await expect
      .poll(() => firstRow(bob).getByTestId('event-description').inputValue())
      .toContain('2FA session cookie stolen');

    // Bob tags the token-rotation completion as recovery: 2023-01-07T07:30 − 2023-01-05 = 199,800 s.
    const rotation = bob.getByTestId('event-row').filter({ hasText: 'reported complete' });
    await rotation.getByTestId('event-phase').selectOption('recovery');
    await expect.poll(() => seconds(alice, 'timeToRecoverSeconds')).toBe('199800');
  });

  it('draws a fishbone cause in one page that appears in the other', async () => {
    await alice.getByTestId('tab-fishbone').click();
    await bob.getByTestId('tab-fishbone').click();
    const people = alice.getByTestId('fishbone-category').filter({ hasText: 'People' });
    await people.getByTestId('add-cause').click();
    const editor = alice.getByTestId('cause-text').last();
    await editor.fill('Engineer laptop had no EDR coverage');
    await editor.press('Enter');
    await expect
      .poll(() => bob.getByTestId('fishbone-cause').allTextContents())
      .toContainEqual(expect.stringContaining('no EDR coverage'));

    // Alice's pointer over the diagram shows as her cursor on Bob's screen.
    const pane = alice.getByTestId('fishbone-diagram');
    const box = await pane.boundingBox();
    if (!box) throw new Error('fishbone not visible');
    await alice.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await alice.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20);
    await expect
      .poll(() => bob.getByTestId('remote-cursor').allTextContents())
      .toContainEqual(expect.stringContaining('Alice'));
    await bob.screenshot({ path: `${SCREENSHOTS}fishbone.png` });
  });

  it('builds a why in one page that appears in the other', async () => {
    await alice.getByTestId('tab-whys').click();
    await bob.getByTestId('tab-whys').click();
    await alice.getByTestId('why-problem').getByTestId('add-why').click();
    const editor = alice.getByTestId('why-text').last();
    await editor.fill('A stolen SSO session cookie bypassed 2FA');
    await editor.press('Enter');
    await expect
      .poll(() => bob.getByTestId('why-node').allTextContents())
      .toContainEqual(expect.stringContaining('bypassed 2FA'));
    await bob.screenshot({ path: `${SCREENSHOTS}whys.png` });
  });

  it('adds an action item, saves a snapshot and exports both pages’ work', async () => {
    await bob.getByTestId('new-action-title').fill('Deploy EDR to every engineering laptop');
    await bob.getByTestId('add-action-item').click();
    await expect.poll(() => alice.getByTestId('action-item').count()).toBe(1);

    await alice.getByTestId('snapshot-label').fill('End of review');
    await alice.getByTestId('save-snapshot').click();
    await expect
      .poll(() => alice.getByTestId('snapshot').allTextContents())
      .toContainEqual(expect.stringContaining('End of review'));
    await alice.screenshot({ path: `${SCREENSHOTS}board.png` });

    const room = new URL(boardUrl).pathname.split('/').pop() as string;
    const res = await fetch(`${relay.url}/api/rooms/${room}/export`);
    expect(res.status).toBe(200);
    const rca = (await res.json()) as Record<string, unknown>;
    expect(rcaSchemaErrors(rca)).toEqual([]);

    const text = JSON.stringify(rca);
    expect(text).toContain('2FA session cookie stolen'); // Alice's edit
    expect(text).toContain('no EDR coverage'); // Alice's fishbone cause
    expect(text).toContain('bypassed 2FA'); // Alice's why
    expect(text).toContain('Deploy EDR to every engineering laptop'); // Bob's action item
    expect((rca.metrics as Record<string, unknown>).timeToRecoverSeconds).toBe(199800); // Bob's re-tag

    const list = await (await fetch(`${relay.url}/api/rooms/${room}/snapshots`)).json();
    expect(list).toEqual([expect.objectContaining({ label: 'End of review' })]);
  });
});
