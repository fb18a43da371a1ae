/**
 * Until the relay has sent the board, the page says it is loading: an empty doc must not pass for
 * an empty board ("No events yet", "Untitled review") while a big board is on its way.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, SCREENSHOTS, startWebRelay } from './relay.ts';

let relay: E2ERelay;
let browser: Browser;
beforeAll(async () => {
  relay = await startWebRelay();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

it('shows "Loading board…" and no empty-board hints until the first sync, then the board', async () => {
  const res = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Slow link drill', incidentId: 'INC-9', severity: 'SEV2' }),
  });
  const { room } = (await res.json()) as { room: string };
  const page = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 } })
  ).newPage();
  // Hold the relay's messages (its half of the sync) until released: a board slow to arrive.
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  await page.routeWebSocket(/\/sync\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage(async (m) => {
      await held;
      ws.send(m);
    });
  });
  await page.goto(`${relay.url}/r/${room}`);
  await expect.poll(() => page.getByTestId('board-loading').textContent()).toBe('Loading board…');
  await page.waitForTimeout(300);
  expect(await page.getByTestId('board-loading').isVisible()).toBe(true);
  expect(await page.getByText('No events yet').count()).toBe(0);
  expect(await page.getByTestId('timeline').count()).toBe(0);
  expect(await page.getByTestId('board-title').getAttribute('placeholder')).toBe('Loading…');
  expect(await page.getByTestId('connection-status').textContent()).toBe('Loading…');
  await page.screenshot({ path: `${SCREENSHOTS}loading-before-sync.png` });

  release();
  await expect.poll(() => page.getByTestId('board-title').inputValue()).toBe('Slow link drill');
  expect(await page.getByTestId('board-loading').count()).toBe(0);
  expect(await page.getByTestId('timeline').isVisible()).toBe(true);
  expect(await page.getByTestId('connection-status').textContent()).toBe('Connected');
});
