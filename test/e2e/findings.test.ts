/**
 * What a hostile tester found running a real CircleCI review, each checked in a real browser:
 * dated evidence in a picker that is never cut off, a live snapshot list, a delete that says what
 * it unlinks, a compact out-of-order warning, a root cause that grows, tidy time lines, an
 * "Opening board…" state, and readable fishbone buttons.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFishbone, readWhys, setEvidence } from '../../packages/core/src/index.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, fixture, SCREENSHOTS, startWebRelay } from './relay.ts';
import { editRoom, SEEDED, seedCircleCiReview } from './seed.ts';

let relay: E2ERelay;
let browser: Browser;
let room = '';

beforeAll(async () => {
  relay = await startWebRelay();
  browser = await launchBrowser();
  room = await seedCircleCiReview(relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

async function open(width: number, height: number, path = `/r/${room}`): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(`${relay.url}${path}`);
  return page;
}

async function boardFrom(csv: string, title: string): Promise<string> {
  const created = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, incidentId: 'INC-1', severity: 'SEV2', problem: title }),
  });
  const { room: id } = (await created.json()) as { room: string };
  const res = await fetch(`${relay.url}/api/rooms/${id}/timeline`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: readFileSync(fixture(`timelines/${csv}`), 'utf8'),
  });
  if (res.status !== 201) throw new Error(`import failed: ${res.status}`);
  return id;
}

describe('evidence picker', () => {
  it('shows dates, and stays whole inside the window even from a node at the pane edge', async () => {
    const page = await open(1280, 800);
    await page.getByTestId('tab-fishbone').click();
    const fish = page.getByTestId('fishbone-diagram');
    await expect.poll(() => fish.getByTestId('fishbone-cause').count()).toBe(SEEDED.causes);
    const cause = fish.getByTestId('fishbone-cause').last();
    await cause.hover();
    await cause.getByTestId('evidence-button').click();
    const picker = page.getByTestId('evidence-picker');
    await expect.poll(() => picker.isVisible()).toBe(true);
    const labels = await picker.locator('.cw-evidence-time').allTextContents();
    expect(labels).toContain('Dec 29 00:00 UTC');
    expect(new Set(labels).size).toBe(labels.length);
    const b = await picker.boundingBox();
    if (!b) throw new Error('picker not rendered');
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(1280);
    expect(b.y + b.height).toBeLessThanOrEqual(800);
    // Not inside the diagram pane, whose overflow would clip it.
    expect(await picker.evaluate((el) => el.closest('.react-flow') === null)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}evidence-picker.png` });
    await page.context().close();
  });
});

describe('snapshots', () => {
  it("appear in a colleague's open list within a second of being saved", async () => {
    const alice = await open(1440, 900);
    const bob = await open(1440, 900);
    for (const p of [alice, bob]) {
      await expect
        .poll(() => p.getByTestId('snapshot-list').textContent())
        .toContain('No snapshots');
    }
    await bob.getByTestId('snapshot-label').fill('after first pass');
    await bob.getByTestId('save-snapshot').click();
    const start = Date.now();
    await expect
      .poll(() => alice.getByTestId('snapshot').allTextContents(), { timeout: 1500, interval: 50 })
      .toEqual([expect.stringContaining('after first pass')]);
    expect(Date.now() - start).toBeLessThan(1500);
    await alice.context().close();
    await bob.context().close();
  });
});

describe('deleting an event cited as evidence', () => {
  it('says how many whys and causes lose the link before deleting', async () => {
    const page = await open(1440, 900);
    const row = page.getByTestId('event-row').filter({ hasText: 'A customer reports suspicious' });
    await expect.poll(() => row.count()).toBe(1);
    const eventId = (await row.getAttribute('data-event-id')) ?? '';
    // The export prints each evidence list compactly: this marker appears once the links are stored.
    await editRoom(relay.url, room, `"evidence":["${eventId}"]`, (doc) => {
      const whyId = readWhys(doc)[0]?.id;
      const causeIds = readFishbone(doc)
        .causes.slice(0, 2)
        .map((c) => c.id);
      if (!whyId || causeIds.length < 2) throw new Error('seeded board has whys and causes');
      setEvidence(doc, { kind: 'why', id: whyId }, eventId, true);
      for (const id of causeIds) setEvidence(doc, { kind: 'cause', id }, eventId, true);
    });
    await row.getByTestId('delete-event').click();
    await expect
      .poll(() => row.getByTestId('delete-event-warning').textContent())
      .toBe('Linked as evidence to 1 why and 2 fishbone causes — deleting removes those links.');
    await page.context().close();
  });
});

describe('Cloudflare 2019 at 1280x800', () => {
  it('warns about recovery before eradication in words, compactly, with 4+ rows in view', async () => {
    const cf = await boardFrom('cloudflare_2019_07_02_waf_regex.csv', 'Cloudflare WAF outage');
    const page = await open(1280, 800, `/r/${cf}`);
    const warning = page.getByTestId('order-warning');
    await expect.poll(() => warning.count()).toBe(1);
    const text = (await warning.textContent()) ?? '';
    expect(text).toMatch(
      /^⚠ Recovery \(14:09, 'Traffic and CPU back.*'\) is before eradication \(14:52, /,
    );
    expect(text).not.toMatch(/ev_|T14:/);
    expect(await warning.getAttribute('title')).toContain(
      'Offending rules rolled back and tested; WAF managed rulesets re-enabled globally.',
    );
    expect((await warning.boundingBox())?.height).toBeLessThan(24);
    await page.screenshot({ path: `${SCREENSHOTS}cloudflare-1280.png` });
    // Rows whose time and phase line is in view, inside the scrolling left column.
    const inView = await page.evaluate(() => {
      const col = document.querySelector('.col-left')?.getBoundingClientRect();
      if (!col) return 0;
      return [...document.querySelectorAll('[data-testid=event-row]')].filter((row) => {
        const top = row.querySelector('.event-top')?.getBoundingClientRect();
        return top !== undefined && top.top >= col.top && top.bottom <= col.bottom;
      }).length;
    });
    expect(inView).toBeGreaterThanOrEqual(4);
    await warning.click();
    await expect.poll(() => warning.textContent()).toContain('(27 minutes of disruption)');
    await page.context().close();
  });
});

describe('root cause', () => {
  it('grows to show every line of a text longer than 4 rows, then scrolls past its cap', async () => {
    const page = await open(1280, 800);
    const field = page.getByTestId('root-cause');
    const text = (n: number) =>
      Array.from({ length: n }, (_, i) => `Line ${i + 1} of the agreed root cause`).join('\n');
    const measure = () =>
      field.evaluate((el) => ({
        client: el.clientHeight,
        scroll: el.scrollHeight,
        overflow: getComputedStyle(el).overflowY,
      }));
    await field.click();
    await field.fill(text(9));
    await field.evaluate((el) => el.blur());
    const nine = await measure();
    // Every line shows, the first included: nothing scrolled out of a squeezed box.
    expect(nine.scroll).toBeLessThanOrEqual(nine.client);
    await field.click();
    await field.fill(text(40));
    await field.evaluate((el) => el.blur());
    const forty = await measure();
    expect(forty.client).toBeGreaterThan(nine.client);
    expect(forty.client).toBeLessThan(forty.scroll);
    expect(forty.client).toBeLessThanOrEqual(800 / 3 + 1);
    expect(forty.overflow).toBe('auto');
    await page.context().close();
  });
});

describe('timeline time lines', () => {
  for (const width of [1440, 1280]) {
    it(`shows date and time on one line and the zone right under it at ${width}px`, async () => {
      const s3 = await boardFrom('aws_s3_2017_02_28_us_east_1.csv', 'S3 outage');
      for (const r of [room, s3]) {
        const page = await open(width, 900, `/r/${r}`);
        await expect.poll(() => page.getByTestId('event-row').count()).toBeGreaterThan(3);
        const rows = await page.getByTestId('event-row').evaluateAll((els) =>
          els.slice(0, 6).map((row) => {
            const local = row.querySelector('[data-testid=time-local]')?.getBoundingClientRect();
            const utc = row.querySelector('[data-testid=time-utc]')?.getBoundingClientRect();
            return {
              local: local ? Math.round(local.height) : 0,
              utc: utc ? Math.round(utc.height) : 0,
              below: local && utc ? utc.top >= local.bottom - 1 : false,
              text: row.querySelector('[data-testid=time-utc]')?.textContent ?? '',
            };
          }),
        );
        for (const row of rows) {
          expect(row.local).toBeGreaterThan(0);
          expect(row.local).toBeLessThan(20);
          expect(row.utc).toBeLessThan(18);
          expect(row.below).toBe(true);
          expect(row.text).toMatch(/UTC$/);
        }
        await page.context().close();
      }
    });
  }
});

describe('opening a board', () => {
  it('says "Opening board…" while the room check runs', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(`**/api/rooms/${room}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${relay.url}/r/${room}`);
    await expect.poll(() => page.getByTestId('opening-board').textContent()).toBe('Opening board…');
    release();
    await expect.poll(() => page.getByTestId('why-node').count()).toBe(SEEDED.whys);
    await context.close();
  });
});

describe('fishbone node buttons', () => {
  it('hide at rest, read at 11px or more on screen when shown, and are reachable by keyboard', async () => {
    const page = await open(1280, 800);
    await page.getByTestId('tab-fishbone').click();
    const fish = page.getByTestId('fishbone-diagram');
    await expect.poll(() => fish.getByTestId('fishbone-cause').count()).toBe(SEEDED.causes);
    await new Promise((r) => setTimeout(r, 1500));
    const cause = fish.getByTestId('fishbone-cause').first();
    const tools = cause.locator('.cw-cause-tools');
    await page.mouse.move(2, 2);
    await expect.poll(() => tools.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
    await cause.getByTestId('cause-text').hover();
    await expect.poll(() => tools.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    // On-screen size: font size times every scale between it and the screen.
    const px = await cause.getByTestId('evidence-button').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return (
        (Number.parseFloat(getComputedStyle(el).fontSize) * r.height) /
        (el as HTMLElement).offsetHeight
      );
    });
    expect(px).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: `${SCREENSHOTS}fishbone-tools.png` });
    // Keyboard: from the cause's text, Shift+Tab lands on its delete button, now visible.
    await page.mouse.move(2, 2);
    await cause.getByTestId('cause-text').focus();
    await page.keyboard.press('Escape');
    await cause.getByTestId('cause-text').focus();
    await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(focused).toBe('delete-cause');
    await expect.poll(() => tools.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await page.context().close();
  });
});
