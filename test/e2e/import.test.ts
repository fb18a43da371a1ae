/**
 * Imports through the UI: a DFIR-IRIS CSV previewed in one page (counts, zone assumption, first
 * rows), imported with one click and seen in a second page; the same file again adds nothing;
 * a file with refused rows cannot be imported; a generic file gets a column-mapping step; a large
 * file lands in slices, with a progress bar that the second page paints as it advances.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFile } from '../../packages/core/src/testing/generate.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, SCREENSHOTS, startWebRelay } from './relay.ts';

let relay: E2ERelay;
let browser: Browser;
let first: Page;
let second: Page;
let boardUrl = '';
const dir = mkdtempSync(join(tmpdir(), 'causeway-import-e2e-'));

// Shaped like IRIS's own sample (import header); one row without event_tz, read in the chosen zone.
const IRIS_CSV = [
  'event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,event_assets,event_iocs,event_tags',
  '"2024-03-30T22:14:05.000","+00:00","Phishing mail delivered to finance","Initial Access","Invoice lure from spoofed supplier","","mail gateway","","",""',
  '"2024-03-31T01:30:00.000","","Macro runs on FIN-PC-07","Execution","","","EDR","","",""',
  '"2024-03-31T03:12:44.000","+02:00","EDR alert: credential dumping","Credential Access","lsass access by rundll32","","EDR","","",""',
  '"2024-03-31T04:02:00.000","+02:00","FIN-PC-07 isolated","Remediation","","","SOC","","",""',
].join('\n');

async function openPage(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

beforeAll(async () => {
  relay = await startWebRelay();
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const res = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Finance phishing', incidentId: 'INC-77', severity: 'SEV2' }),
  });
  const { room } = (await res.json()) as { room: string };
  boardUrl = `${relay.url}/r/${room}`;
  writeFileSync(join(dir, 'iris_timeline.csv'), IRIS_CSV);
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  hive?.close();
});

let hive: Server | undefined;
/** A local server answering like TheHive 5's GET /api/v1/case/{id}/timeline. */
async function startFakeTheHive(): Promise<string> {
  hive = createServer((req, res) => {
    const ok =
      req.url === '/api/v1/case/~4104/timeline' && req.headers.authorization === 'Bearer k3y';
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        ok
          ? {
              events: [
                {
                  date: Date.UTC(2024, 3, 2, 8, 0),
                  kind: 'CaseCreated',
                  entity: 'Case',
                  entityId: '~4104',
                  details: { title: 'Case opened from alert' },
                },
                {
                  date: Date.UTC(2024, 3, 2, 8, 20),
                  kind: 'TaskCompleted',
                  entity: 'Task',
                  entityId: '~4300',
                  details: { title: 'Reset finance passwords' },
                },
              ],
            }
          : { type: 'AuthenticationError', message: 'Authentication failure' },
      ),
    );
  });
  await new Promise<void>((r) => hive?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(hive.address() as AddressInfo).port}`;
}

describe('importing through the preview dialog', () => {
  it('previews an IRIS CSV: format detected, zone assumption stated, first rows shown', async () => {
    first = await openPage(boardUrl);
    second = await openPage(boardUrl);
    await first.getByTestId('import-file').setInputFiles(join(dir, 'iris_timeline.csv'));
    const dialog = first.getByTestId('import-dialog');
    await expect
      .poll(() => dialog.getByTestId('import-headline').textContent())
      .toBe('Ready to add 4 events to the timeline.');
    expect(await dialog.getByTestId('import-format').locator('option:checked').textContent()).toBe(
      'Detected: DFIR-IRIS timeline',
    );
    expect(await dialog.getByTestId('import-rows').textContent()).toBe('4');
    expect(await dialog.getByTestId('import-refused-count').textContent()).toBe('0');
    expect(await dialog.getByTestId('import-zone-note').textContent()).toBe(
      'Time zone: 1 row without an event_tz read as UTC',
    );
    // Choosing the zone re-reads the file: the macro ran at 01:30 Paris time (+01:00, before the DST jump).
    await dialog.getByTestId('import-zone').fill('Europe/Paris');
    await expect
      .poll(() => dialog.getByTestId('import-zone-note').textContent())
      .toBe('Time zone: 1 row without an event_tz read as Europe/Paris');
    const rows = dialog.getByTestId('import-sample').locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(1).textContent()).toContain('01:30');
    expect(await rows.nth(1).textContent()).toContain('+01:00');
    expect(await rows.nth(1).textContent()).toContain('Macro runs on FIN-PC-07');
    expect(await first.getByTestId('event-row').count()).toBe(0);
    await first.screenshot({ path: `${SCREENSHOTS}import-preview.png` });
  });

  it('imports with one click, and a second page sees every event', async () => {
    await first.getByTestId('import-confirm').click();
    await expect
      .poll(() => first.getByTestId('import-result').textContent())
      .toContain('Added 4 events');
    expect(await first.getByTestId('import-dialog').count()).toBe(0);
    await expect.poll(() => second.getByTestId('event-row').count()).toBe(4);
    await first.screenshot({ path: `${SCREENSHOTS}import-done.png` });
    const texts = await second
      .getByTestId('event-description')
      .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement | HTMLInputElement).value));
    expect(texts).toEqual([
      'Phishing mail delivered to finance: Invoice lure from spoofed supplier',
      'Macro runs on FIN-PC-07',
      'EDR alert: credential dumping: lsass access by rundll32',
      'FIN-PC-07 isolated',
    ]);
  });

  it('the same file again: everything already on the board, nothing to import', async () => {
    await second.getByTestId('import-file').setInputFiles(join(dir, 'iris_timeline.csv'));
    const dialog = second.getByTestId('import-dialog');
    await dialog.getByTestId('import-zone').fill('Europe/Paris');
    await expect.poll(() => dialog.getByTestId('import-duplicates').textContent()).toBe('4');
    expect(await dialog.getByTestId('import-headline').textContent()).toBe(
      'Nothing new: every event in this file is already on the board.',
    );
    expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await second.getByTestId('event-row').count()).toBe(4);
  });

  it('refused rows block the import and say why; a generic file asks for its columns', async () => {
    writeFileSync(
      join(dir, 'siem.csv'),
      [
        'Horodatage,Résumé,Étape',
        '2024-04-02 09:00:00,Backup restored,recovery',
        'hier,Ticket closed,closure',
      ].join('\n'),
    );
    await first.getByTestId('import-file').setInputFiles(join(dir, 'siem.csv'));
    const dialog = first.getByTestId('import-dialog');
    await expect
      .poll(() => dialog.getByTestId('import-refused').textContent())
      .toContain('choose which column holds the time and which the description');
    await dialog.getByTestId('import-map-time').selectOption('Horodatage');
    await dialog.getByTestId('import-map-description').selectOption('Résumé');
    await dialog.getByTestId('import-map-phase').selectOption('Étape');
    await expect.poll(() => dialog.getByTestId('import-refused-count').textContent()).toBe('2');
    await dialog.getByTestId('import-zone').fill('UTC');
    await expect.poll(() => dialog.getByTestId('import-refused-count').textContent()).toBe('1');
    expect(await dialog.getByTestId('import-refused').textContent()).toContain('Row 2');
    expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(true);
    await first.screenshot({ path: `${SCREENSHOTS}import-mapping-refused.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await first.getByTestId('event-row').count()).toBe(4);
  });

  it('pulls a case timeline from TheHive: a wrong key is explained, the right one previews and imports', async () => {
    const url = await startFakeTheHive();
    await first.getByTestId('import-thehive').click();
    const dialog = first.getByTestId('import-dialog');
    await dialog.getByLabel('TheHive URL').fill(url);
    await dialog.getByLabel('API key').fill('wrong');
    await dialog.getByLabel('Case id').fill('~4104');
    await dialog.getByRole('button', { name: 'Fetch timeline' }).click();
    await expect
      .poll(() => dialog.getByTestId('thehive-error').textContent())
      .toBe(`TheHive at ${url} refused the API key (401): Authentication failure`);
    await dialog.getByLabel('API key').fill('k3y');
    await dialog.getByRole('button', { name: 'Fetch timeline' }).click();
    await expect
      .poll(() => dialog.getByTestId('import-headline').textContent())
      .toBe('Ready to add 2 events to the timeline.');
    await first.screenshot({ path: `${SCREENSHOTS}import-thehive.png` });
    await dialog.getByTestId('import-confirm').click();
    await expect
      .poll(() => first.getByTestId('import-result').textContent())
      .toContain('Added 2 events');
    await expect.poll(() => second.getByTestId('event-row').count()).toBe(6);
  });

  it('a large import renders 200 rows and the rest on demand, so the page stays usable', async () => {
    const lines = ['time,description,source'];
    for (let i = 0; i < 250; i++)
      lines.push(
        `2024-05-01T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,Firewall deny ${i},fw`,
      );
    writeFileSync(join(dir, 'firewall.csv'), lines.join('\n'));
    await first.getByTestId('import-file').setInputFiles(join(dir, 'firewall.csv'));
    const dialog = first.getByTestId('import-dialog');
    await expect
      .poll(() => dialog.getByTestId('import-confirm').textContent())
      .toBe('Import 250 events');
    await dialog.getByTestId('import-confirm').click();
    await expect.poll(() => second.locator('#timeline-h .count').textContent()).toBe('256');
    expect(await second.getByTestId('event-row').count()).toBe(200);
    expect(await second.getByTestId('timeline-more').textContent()).toBe(
      'Show 56 more (56 not shown)',
    );
    await second.getByTestId('timeline-more').click();
    expect(await second.getByTestId('event-row').count()).toBe(256);
    expect(await second.getByTestId('timeline-more').count()).toBe(0);
  });

  it('a large import lands in slices: the other page paints the shared progress bar advancing, then every event', async () => {
    const rows = 10_000; // five slices of 2,000
    writeFileSync(join(dir, 'iris_large.csv'), generateFile('iris', rows));
    const before = Number(
      (await second.locator('#timeline-h .count').textContent())?.replaceAll(',', ''),
    );
    // Sampled in animation frames: a value seen here was on screen, so the page rendered between slices.
    await second.evaluate(() => {
      const w = window as unknown as { seen: string[]; stop: boolean };
      w.seen = [];
      w.stop = false;
      const sample = () => {
        const bar = document.querySelector('[data-testid="board-import-progress"]');
        const text = bar?.textContent ?? '';
        if (text && w.seen.at(-1) !== text) w.seen.push(text);
        if (!w.stop) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    // The importing page, sampled the same way: what its outcome line said beside the count.
    await first.evaluate(() => {
      const w = window as unknown as { outcomes: string[]; stop: boolean };
      w.outcomes = [];
      w.stop = false;
      const sample = () => {
        const result = document.querySelector('[data-testid="import-result"]')?.textContent;
        const count = document.querySelector('#timeline-h .count')?.textContent;
        const line = `${count}|${result}`;
        if (result && w.outcomes.at(-1) !== line) w.outcomes.push(line);
        if (!w.stop) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await first.getByTestId('import-file').setInputFiles(join(dir, 'iris_large.csv'));
    const dialog = first.getByTestId('import-dialog');
    await expect
      .poll(() => dialog.getByTestId('import-confirm').textContent(), { timeout: 30_000 })
      .toBe('Import 10,000 events');
    await dialog.getByTestId('import-confirm').click();
    const total = (before + rows).toLocaleString('en');
    for (const page of [first, second])
      await expect
        .poll(() => page.locator('#timeline-h .count').textContent(), { timeout: 60_000 })
        .toBe(total);
    const seen = await second.evaluate(() => {
      const w = window as unknown as { seen: string[]; stop: boolean };
      w.stop = true;
      return w.seen;
    });
    const painted = seen.map((t) => /([\d,]+) of 10,000$/.exec(t)?.[1]);
    expect(painted.every((n) => n !== undefined)).toBe(true);
    expect(seen[0]).toMatch(/^Importing iris_large\.csv \(Responder \d+\)[\d,]+ of 10,000$/);
    expect(new Set(painted).size).toBeGreaterThanOrEqual(2);
    for (const page of [first, second])
      expect(await page.getByTestId('board-import-progress').count()).toBe(0);
    await expect
      .poll(() => first.getByTestId('import-result').textContent())
      .toContain('Added 10,000 events');
    const outcomes = await first.evaluate(() => {
      const w = window as unknown as { outcomes: string[]; stop: boolean };
      w.stop = true;
      return w.outcomes;
    });
    // The importing page never claims "Added" while its timeline is short of the full count.
    const early = outcomes.filter((o) => o.includes('Added 10,000') && !o.startsWith(`${total}|`));
    expect(early).toEqual([]);
    expect(outcomes.some((o) => /^[\d,]+\|Writing iris_large\.csv…[\d,]+ of 10,000$/.test(o))).toBe(
      true,
    );
  });
});
