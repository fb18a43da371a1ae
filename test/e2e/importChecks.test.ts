/**
 * The import dialog's checks before anything is sent: a file over the relay's upload limit and a
 * binary file are refused up front with their reason, any IANA zone or offset can be typed (an
 * unknown one is explained and blocks the import), and the zone note only says what is true.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, SCREENSHOTS, startWebRelay } from './relay.ts';

// Small, so the test file stays small; the check is the same at the 64 MiB default.
const LIMIT = 256 * 1024;

let relay: E2ERelay;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'causeway-import-checks-'));

beforeAll(async () => {
  relay = await startWebRelay({ maxUploadBytes: LIMIT });
  browser = await launchBrowser();
  const res = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Import checks', incidentId: '', severity: 'SEV3' }),
  });
  const { room } = (await res.json()) as { room: string };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await page.goto(`${relay.url}/r/${room}`);
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

/** Opens the dialog on a file written with `content`; returns the dialog. */
async function open(name: string, content: string | Buffer) {
  writeFileSync(join(dir, name), content);
  await page.getByTestId('import-file').setInputFiles(join(dir, name));
  return page.getByTestId('import-dialog');
}

async function cancel() {
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Cancel' }).click();
}

describe('import checks in the dialog', () => {
  it('refuses a file over the relay limit before previewing it, naming the limit', async () => {
    const row = '2024-05-01T10:00:00Z,padding row for size,\n';
    const dialog = await open(
      'big.csv',
      `time,description,phase\n${row.repeat(Math.ceil((LIMIT * 1.5) / row.length))}`,
    );
    await expect
      .poll(() => dialog.getByRole('alert').first().textContent())
      .toMatch(
        /the file is 384(\.\d)? KiB, larger than the 256 KiB this relay takes in one import/,
      );
    expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}import-too-large.png` });
    await cancel();
  });

  it('refuses a binary file as not a text (CSV/JSON) file, with no zone claim', async () => {
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256));
    const dialog = await open('dump.csv', bytes);
    await expect
      .poll(() => dialog.getByTestId('import-refused').textContent())
      .toContain('this is not a text (CSV/JSON) file');
    expect(await dialog.getByTestId('import-zone-note').count()).toBe(0);
    await cancel();
  });

  it('takes a typed offset or IANA zone, and explains one that is not a zone', async () => {
    const dialog = await open(
      'local.csv',
      'time,description\n2024-05-01 10:00:00,VPN login from new country\n',
    );
    const zone = dialog.getByTestId('import-zone');
    await zone.fill('+05:30');
    await expect
      .poll(() => dialog.getByTestId('import-zone-note').textContent())
      .toBe('Time zone: 1 zone-less time read as +05:30');
    expect(await dialog.getByTestId('import-sample').textContent()).toContain('+05:30');
    await zone.fill('Mars/Olympus');
    await expect
      .poll(() => dialog.getByTestId('import-zone-error').textContent())
      .toMatch(/^unknown time zone "Mars\/Olympus"/);
    // The preview refuses the file once for it, so nothing can be imported with it.
    await expect
      .poll(() => dialog.getByTestId('import-refused').textContent())
      .toContain('unknown time zone "Mars/Olympus"');
    expect(await dialog.getByTestId('import-refused-count').textContent()).toBe('1');
    expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}import-zone-typed.png` });
    await zone.fill('Asia/Kathmandu');
    await expect
      .poll(() => dialog.getByTestId('import-zone-note').textContent())
      .toBe('Time zone: 1 zone-less time read as Asia/Kathmandu');
    expect(await dialog.getByTestId('import-zone-error').count()).toBe(0);
    expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(false);
    await cancel();
  });

  it('a commit the relay refuses (413) replaces "Ready to add", says so once, and blocks a retry until an option changes', async () => {
    const message = `the import would make the board larger than ${LIMIT} bytes (CAUSEWAY_MAX_BOARD_BYTES); nothing was imported`;
    await page.route('**/import?*', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 413, json: { error: 'board-too-large', message } })
        : route.continue(),
    );
    const dialog = await open(
      'board-full.csv',
      'time,description\n2024-05-01T10:00:00Z,Exfiltration alert\n',
    );
    await expect
      .poll(() => dialog.getByTestId('import-headline').textContent())
      .toBe('Ready to add 1 event to the timeline.');
    await dialog.getByTestId('import-confirm').click();
    const error = dialog.getByTestId('import-commit-error');
    await expect.poll(() => error.textContent()).toContain('CAUSEWAY_MAX_BOARD_BYTES');
    expect((await error.textContent())?.match(/nothing was imported/gi)).toHaveLength(1);
    expect(await dialog.getByTestId('import-headline').count()).toBe(0);
    expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}import-commit-refused.png` });
    // Another option is another attempt: the preview and the Import button come back.
    await dialog.getByTestId('import-zone').fill('+02:00');
    await expect
      .poll(() => dialog.getByTestId('import-confirm').isDisabled(), { timeout: 10_000 })
      .toBe(false);
    expect(await error.count()).toBe(0);
    expect(await dialog.getByTestId('import-headline').textContent()).toBe(
      'Ready to add 1 event to the timeline.',
    );
    await page.unroute('**/import?*');
    await cancel();
  });

  it('an IRIS row with a named event_tz is read in that zone, not reported as assumed', async () => {
    const dialog = await open(
      'iris.csv',
      'event_date,event_tz,event_title\n"2023-03-26T03:00:30.000","Europe/Paris","An event"\n',
    );
    await expect
      .poll(() => dialog.getByTestId('import-zone-note').textContent())
      .toBe('Time zone: none assumed: every time named its own offset or zone, or was an epoch.');
    expect(await dialog.getByTestId('import-sample').textContent()).toContain('+02:00');
    await cancel();
  });
});
