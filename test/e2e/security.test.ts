/**
 * In real browsers: the built app runs under the relay's strict CSP with no violation; a page
 * that goes offline keeps editing and its edits merge with another page's when it returns; a
 * page must load with the open-access banner when no secret is set.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, startWebRelay } from './relay.ts';

let relay: E2ERelay;
let browser: Browser;
const contexts: BrowserContext[] = [];
const violations: string[] = [];

beforeAll(async () => {
  relay = await startWebRelay();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await relay?.close();
});

async function open(url: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(String(e)));
  await page.goto(url);
  return { page, context };
}

async function addEvent(page: Page, time: string, text: string) {
  await page.getByTestId('new-event-time').fill(time);
  await page.getByTestId('new-event-description').fill(text);
  await page.getByTestId('add-event').click();
}

const rows = (page: Page) => page.getByTestId('event-row').allTextContents();

describe('security in the browser', () => {
  it('an offline page keeps editing; back online, its edits merge with the other page’s', async () => {
    const res = await fetch(`${relay.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Offline drill', incidentId: 'INC-9', severity: 'SEV2' }),
    });
    const { room } = (await res.json()) as { room: string };
    const a = await open(`${relay.url}/r/${room}`);
    const b = await open(`${relay.url}/r/${room}`);
    for (const p of [a.page, b.page])
      await expect
        .poll(() => p.getByTestId('connection-status').getAttribute('data-status'))
        .toBe('connected');
    await expect.poll(() => a.page.getByTestId('open-access-banner').isVisible()).toBe(true);

    await a.context.setOffline(true);
    await addEvent(a.page, '2024-03-01T10:00:00Z', 'offline edit from A');
    await addEvent(b.page, '2024-03-01T11:00:00Z', 'online edit from B');
    await new Promise((r) => setTimeout(r, 1500));
    // Really cut off: B must not have A's edit while A is offline.
    expect((await rows(b.page)).join('\n')).not.toContain('offline edit from A');
    expect((await rows(a.page)).join('\n')).toContain('offline edit from A');

    await a.context.setOffline(false);
    for (const p of [a.page, b.page]) {
      await expect
        .poll(async () => (await rows(p)).join('\n'), { timeout: 20_000 })
        .toMatch(/offline edit from A[\s\S]*online edit from B/);
    }
  });

  it('the built app runs under the strict CSP without a single violation', () => {
    expect(violations).toEqual([]);
  });
});
