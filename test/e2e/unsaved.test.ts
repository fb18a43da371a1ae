/**
 * When the relay cannot store edits, the page says so plainly and keeps the edit; once storage
 * works again the edit is stored and the warning goes away.
 */

import { readTimeline } from '@causeway/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage, type Storage, sqliteFile } from '../../apps/relay/src/index.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, startWebRelay } from './relay.ts';

let failing = false;
let storage: Storage;
/** Storage that throws like a full disk while `failing`. */
function flaky(inner: Storage): Storage {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        if (failing && (key === 'appendUpdate' || key === 'loadLog' || key === 'compact'))
          throw new Error('SQLITE_FULL: database or disk is full');
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let relay: E2ERelay;
let browser: Browser;
beforeAll(async () => {
  relay = await startWebRelay({
    storage: (dir) => {
      storage = flaky(new SqliteStorage(sqliteFile(dir)));
      return storage;
    },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

const rows = (page: Page) => page.getByTestId('event-row').allTextContents();

it('a storage failure shows the not-saved warning, keeps the edit in the tab, and stores it on recovery', async () => {
  const res = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Full disk drill', incidentId: 'INC-7', severity: 'SEV2' }),
  });
  const { room } = (await res.json()) as { room: string };
  const page = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 } })
  ).newPage();
  await page.goto(`${relay.url}/r/${room}`);
  await expect
    .poll(() => page.getByTestId('connection-status').getAttribute('data-status'))
    .toBe('connected');
  expect(await page.getByTestId('unsaved-banner').count()).toBe(0);

  failing = true;
  await page.getByTestId('new-event-time').fill('2024-03-01T10:00:00Z');
  await page.getByTestId('new-event-description').fill('edit while the disk is full');
  await page.getByTestId('add-event').click();
  await expect.poll(() => page.getByTestId('unsaved-banner').isVisible()).toBe(true);
  expect(await page.getByTestId('unsaved-banner').textContent()).toMatch(/Not saved/);
  expect((await rows(page)).join('\n')).toContain('edit while the disk is full');

  failing = false;
  await expect.poll(() => page.getByTestId('unsaved-banner').count(), { timeout: 20_000 }).toBe(0);
  await expect
    .poll(
      async () => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Y.mergeUpdates([...(await storage.loadLog(room)).updates]));
        return readTimeline(doc).map((e) => e.description);
      },
      { timeout: 10_000 },
    )
    .toContain('edit while the disk is full');
});
