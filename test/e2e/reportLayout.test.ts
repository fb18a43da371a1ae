/**
 * The HTML report laid out by a real browser, on screen and as printed: an unbroken string pasted
 * from a SIEM (a hash, a URL) must wrap wherever it sits, or the page grows sideways and the
 * printout loses its right-hand side.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCause,
  addEvents,
  addWhy,
  buildRcaExport,
  initBoard,
  reportHtml,
} from '../../packages/core/src/index.ts';
import { launchBrowser } from './browser.ts';
import { SCREENSHOTS } from './relay.ts';

const WORD = 'x'.repeat(250);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function longWordReport(): string {
  const doc = new Y.Doc();
  initBoard(doc, {
    title: `Title ${WORD}`,
    incidentId: 'INC-9',
    severity: 'SEV2',
    problem: `Problem ${WORD}`,
  });
  addEvents(doc, [
    {
      time: '2024-04-30T10:00:00Z',
      description: 'Okta alert',
      phase: 'detection',
      source: 'CrowdStrike',
      actor: 'administrator',
    },
    {
      time: '2024-04-30T12:00:00+02:00',
      description: `Long description ${'of the step the attacker took next '.repeat(8)}`,
      phase: 'triage',
      source: 'Okta',
      actor: 'svc-backup',
    },
  ]);
  const why = addWhy(doc, null, `Why ${WORD}`);
  addWhy(doc, why, `Deeper ${WORD}`);
  const cause = addCause(doc, 'cat-process', null, `Cause ${WORD}`);
  addCause(doc, 'cat-process', cause, `Sub-cause ${WORD}`);
  return reportHtml(buildRcaExport(doc, { room: 'r', exportedAt: '2024-05-02T00:00:00Z' }));
}

/** How far the page reaches past the window (0 when nothing sticks out). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The h1, p and li elements whose right edge lies past the window's. */
const pastEdge = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('h1, h3, p, li')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName}: ${(el.textContent ?? '').slice(0, 30)}`),
  );

describe('HTML report with 250-character words', () => {
  const html = longWordReport();

  it('wraps the title, problem, whys and causes within the window on screen', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1100, height: 900 } })
    ).newPage();
    await page.setContent(html);
    expect(await pastEdge(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}report-long-words.png` });
    await page.context().close();
  });

  it('fits an A4 page when printed', async () => {
    // A4 at 96 dpi less the @page margins (14 mm each side) is about 688 px of line.
    const page = await (
      await browser.newContext({ viewport: { width: 688, height: 1000 } })
    ).newPage();
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html);
    expect(await pastEdge(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}report-long-words-print.png`, fullPage: true });
    await page.context().close();
  });

  it('keeps one-word sources and actors whole beside a long description, at print width', async () => {
    // overflow-wrap: anywhere alone squeezed them into "CrowdS / trike" and "admini / strator".
    const page = await (
      await browser.newContext({ viewport: { width: 688, height: 1000 } })
    ).newPage();
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html);
    const lines = await page.locator('td.words').evaluateAll((tds) =>
      tds.map((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return `${td.textContent}: ${range.getClientRects().length}`;
      }),
    );
    expect(lines).toEqual(['CrowdStrike: 1', 'administrator: 1', 'Okta: 1', 'svc-backup: 1']);
    // The UTC time comes first, so the rows read in order; the source's own time stays below it.
    expect(await page.locator('td.when').allInnerTexts()).toEqual([
      '2024-04-30T10:00:00Z',
      '2024-04-30T10:00:00Z\n2024-04-30T12:00:00+02:00',
    ]);
    await page
      .locator('table')
      .nth(1)
      .screenshot({ path: `${SCREENSHOTS}report-timeline-print.png` });
    await page.context().close();
  });
});
