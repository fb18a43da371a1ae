/**
 * What a responder sees at 2 a.m. on a half-built CircleCI review: whole diagrams in view after
 * a tab switch, a resize or a colleague's additions; readable diagram text; a focus mode; long
 * texts never cut off; a clear page for a mistyped board link; nothing clipped at 1280x800.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCause, addEvent, setImportProgress } from '../../packages/core/src/index.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, SCREENSHOTS, startWebRelay } from './relay.ts';
import { editRoom, LONG_ACTION, SEEDED, seedCircleCiReview } from './seed.ts';

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

async function openBoard(width: number, height: number, path = `/r/${room}`): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(`${relay.url}${path}`);
  return page;
}

type Box = { x: number; y: number; width: number; height: number };

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element not rendered');
  return b;
}

/** Every element matched by `items` lies inside `frame` (1 px tolerance for borders). */
async function outside(frame: Locator, items: Locator): Promise<string[]> {
  const f = await box(frame);
  const out: string[] = [];
  for (const item of await items.all()) {
    const b = await box(item);
    const inside =
      b.x >= f.x - 1 &&
      b.y >= f.y - 1 &&
      b.x + b.width <= f.x + f.width + 1 &&
      b.y + b.height <= f.y + f.height + 1;
    if (!inside)
      out.push(`${(await item.textContent())?.slice(0, 40) ?? '?'} ${JSON.stringify(b)}`);
  }
  return out;
}

/** The diagram's zoom, read from React Flow's viewport transform. */
const zoomOf = (diagram: Locator) =>
  diagram
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/** The smallest on-screen font size of the matched texts: CSS size times the zoom. */
async function smallestText(diagram: Locator, texts: Locator): Promise<number> {
  const zoom = await zoomOf(diagram);
  const sizes = await texts.evaluateAll((els) =>
    els.map((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
  );
  return Math.min(...sizes) * zoom;
}

/** Waits until the viewport has not moved for 800 ms (layout rounds and animated fits). */
async function settled(diagram: Locator): Promise<void> {
  let last = '';
  let still = 0;
  for (let i = 0; i < 60; i++) {
    const now = await diagram
      .locator('.react-flow__viewport')
      .evaluate((el) => getComputedStyle(el).transform);
    still = now === last && now !== 'none' ? still + 1 : 0;
    if (still >= 4) return;
    last = now;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('viewport never settled');
}

describe('the fishbone in view', () => {
  it('shows the whole fish, readable, right after its tab is opened', async () => {
    const page = await openBoard(1440, 900);
    await page.getByTestId('tab-fishbone').click();
    const fish = page.getByTestId('fishbone-diagram');
    const pane = fish.locator('.react-flow');
    await expect.poll(() => fish.getByTestId('fishbone-cause').count()).toBe(SEEDED.causes);
    await settled(fish);
    await page.screenshot({ path: `${SCREENSHOTS}review-fishbone.png` });
    expect(await outside(pane, fish.getByTestId('fishbone-head'))).toEqual([]);
    expect(await outside(pane, fish.getByTestId('fishbone-category'))).toEqual([]);
    expect(await outside(pane, fish.getByTestId('fishbone-cause'))).toEqual([]);
    expect(await outside(pane, fish.locator('.cw-skeleton'))).toEqual([]);
    expect(await smallestText(fish, fish.getByTestId('cause-text'))).toBeGreaterThanOrEqual(11);
    expect(await smallestText(fish, fish.getByTestId('category-name'))).toBeGreaterThanOrEqual(11);
    await page.context().close();
  });

  it('refits when a colleague’s causes no longer fit, but not after the person zoomed', async () => {
    const page = await openBoard(1440, 900);
    await page.getByTestId('tab-fishbone').click();
    const fish = page.getByTestId('fishbone-diagram');
    const pane = fish.locator('.react-flow');
    await expect.poll(() => fish.getByTestId('fishbone-cause').count()).toBe(SEEDED.causes);
    await settled(fish);
    const before = await zoomOf(fish);

    // Twelve more causes on the last bone lengthen it far past the fitted view.
    const more = 'ABCDEFGHIJKL'.split('').map((x) => `Extra cause ${x}`);
    await editRoom(relay.url, room, 'Extra cause L', (doc) => {
      for (const text of more) addCause(doc, 'cat-third-parties', null, text);
    });
    await expect.poll(() => fish.getByTestId('fishbone-cause').count()).toBe(SEEDED.causes + 12);
    await settled(fish);
    expect(await outside(pane, fish.getByTestId('fishbone-cause'))).toEqual([]);
    expect(await outside(pane, fish.getByTestId('fishbone-category'))).toEqual([]);
    expect(await zoomOf(fish)).toBeLessThan(before);

    // The person zooms in: a colleague's next cause must not yank the view back.
    await fish.getByRole('button', { name: 'Zoom In' }).click();
    await settled(fish);
    const zoomed = await zoomOf(fish);
    await editRoom(relay.url, room, 'Extra cause M', (doc) => {
      addCause(doc, 'cat-people', null, 'Extra cause M');
    });
    await expect.poll(() => fish.getByTestId('fishbone-cause').count()).toBe(SEEDED.causes + 13);
    await new Promise((r) => setTimeout(r, 600));
    expect(await zoomOf(fish)).toBe(zoomed);
    await page.context().close();
  });
});

describe('the 5 Whys in view', () => {
  it('shows all five levels and the branch, readable, at fit', async () => {
    const page = await openBoard(1440, 900);
    const whys = page.getByTestId('whys-diagram');
    const pane = whys.locator('.react-flow');
    await expect.poll(() => whys.getByTestId('why-node').count()).toBe(SEEDED.whys);
    await settled(whys);
    expect(await outside(pane, whys.getByTestId('why-problem'))).toEqual([]);
    expect(await outside(pane, whys.getByTestId('why-node'))).toEqual([]);
    expect(await smallestText(whys, whys.getByTestId('why-text'))).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: `${SCREENSHOTS}review-whys.png` });
    await page.context().close();
  });
});

describe('focus mode', () => {
  it('gives the diagram the full width from the keyboard, refits it, and comes back', async () => {
    const page = await openBoard(1440, 900);
    await page.getByTestId('tab-fishbone').click();
    const fish = page.getByTestId('fishbone-diagram');
    await expect.poll(() => fish.getByTestId('fishbone-cause').count()).toBeGreaterThan(0);
    await settled(fish);
    const narrow = await box(fish);
    const narrowZoom = await zoomOf(fish);

    const toggle = page.getByTestId('focus-diagram');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await box(fish)).width).toBeGreaterThan(narrow.width + 600);
    await expect(page.getByTestId('metrics').isVisible()).resolves.toBe(false);
    await settled(fish);
    expect(await zoomOf(fish)).toBeGreaterThan(narrowZoom);
    expect(
      await outside(fish.locator('.react-flow'), fish.getByTestId('fishbone-category')),
    ).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}focus-fishbone.png` });

    await page.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await expect(page.getByTestId('metrics').isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});

describe('long texts and definitions', () => {
  it('wraps a long action title instead of cutting it off', async () => {
    const page = await openBoard(1440, 900);
    const title = page.getByTestId('action-title').first();
    await expect.poll(() => title.inputValue()).toBe(LONG_ACTION);
    const fits = await title.evaluate((el) => ({
      scroll: el.scrollHeight,
      client: el.clientHeight,
    }));
    expect(fits.scroll).toBeLessThanOrEqual(fits.client);
    // Not one long line squeezed sideways either: it wraps inside its card.
    expect(fits.client).toBeGreaterThan(40);
    const descriptions = await page
      .getByTestId('event-description')
      .evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight).length);
    expect(descriptions).toBe(0);
    await page.context().close();
  });

  it('says how milestones and metrics are computed next to the metrics', async () => {
    const page = await openBoard(1440, 900);
    const how = page.getByTestId('metrics-how');
    await expect(how.textContent()).resolves.toMatch(/milestone is the earliest event tagged/);
    expect(await outside(page.getByTestId('metrics'), how)).toEqual([]);
    // Compact: at most three short lines, so the metrics stay above the fold with the timeline.
    expect((await box(how)).height).toBeLessThan(56);
    await page.context().close();
  });
});

describe('at 1280x800', () => {
  it('lays out the three columns without overlap or clipping', async () => {
    const page = await openBoard(1280, 800);
    await expect.poll(() => page.getByTestId('why-node').count()).toBe(SEEDED.whys);
    const left = await box(page.locator('.col-left'));
    const main = await box(page.locator('.col-main'));
    const right = await box(page.locator('.col-right'));
    expect(left.x + left.width).toBeLessThanOrEqual(main.x);
    expect(main.x + main.width).toBeLessThanOrEqual(right.x);
    expect(right.x + right.width).toBeLessThanOrEqual(1280);
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      y: document.documentElement.scrollHeight - document.documentElement.clientHeight,
    }));
    expect(overflow).toEqual({ x: 0, y: 0 });
    // Each metric's label and value sit side by side inside the card, not spilling out of it.
    for (const metric of await page.locator('.metric').all()) {
      expect(await outside(metric, metric.locator('.metric-line > *'))).toEqual([]);
    }
    expect(await outside(page.locator('.col-right'), page.getByTestId('action-title'))).toEqual([]);
    // Nothing in a side column pokes past its right edge (it would be cut off there).
    for (const col of ['.col-left', '.col-right']) {
      const cut = await page.locator(col).evaluate((column) => {
        const edge = column.getBoundingClientRect().right + 1;
        return [...column.querySelectorAll('*')]
          .filter((el) => el.getBoundingClientRect().right > edge)
          .map((el) => el.className);
      });
      expect(cut, col).toEqual([]);
    }
    await page.screenshot({ path: `${SCREENSHOTS}board-1280.png` });
    await page.context().close();
  });
});

describe('the add-event form', () => {
  it('shows the whole default time, offset included, at 1280, 1440 and 1920', async () => {
    for (const width of [1280, 1440, 1920]) {
      const page = await openBoard(width, 900);
      await page.getByTestId('toggle-add-event').click();
      const time = page.getByTestId('new-event-time');
      expect(await time.inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      // Nothing scrolled out of sight inside the field, and the field inside its column.
      const hidden = await time.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(hidden, `at ${width}`).toBeLessThanOrEqual(0);
      expect(await outside(page.locator('.col-left'), time)).toEqual([]);
      expect(await outside(page.locator('.col-left'), page.getByTestId('new-event-phase'))).toEqual(
        [],
      );
      await page.screenshot({ path: `${SCREENSHOTS}add-event-${width}.png` });
      await page.context().close();
    }
  });
});

describe('the shared import progress bar', () => {
  it('cuts a long file name, never who imports it or the count', async () => {
    const created = await fetch(`${relay.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Long label', incidentId: '', severity: 'SEV3' }),
    });
    const { room: fresh } = (await created.json()) as { room: string };
    const label = `${'firewall-export-'.repeat(12)}final.csv`.slice(0, 199);
    await editRoom(relay.url, fresh, 'progress marker', (doc) => {
      addEvent(doc, { time: '2024-05-01T10:00:00Z', description: 'progress marker' });
      setImportProgress(doc, {
        id: 'imp-long',
        label,
        by: 'Responder Dana',
        total: 50_000,
        added: 2_000,
      });
    });
    for (const width of [1280, 1920]) {
      const page = await openBoard(width, 900, `/r/${fresh}`);
      const bar = page.getByTestId('board-import-progress');
      await expect.poll(() => bar.isVisible()).toBe(true);
      for (const part of ['.import-by', '.import-count']) {
        const visible = await bar.locator(part).evaluate((el) => {
          const r = el.getBoundingClientRect();
          const frame = el.parentElement?.getBoundingClientRect();
          return (
            !!frame &&
            r.width > 0 &&
            r.left >= frame.left &&
            r.right <= frame.right + 1 &&
            el.scrollWidth <= el.clientWidth
          );
        });
        expect(visible, `${part} at ${width}`).toBe(true);
      }
      expect(await bar.locator('.import-by').textContent()).toBe(' (Responder Dana)');
      expect(await bar.locator('.import-count').textContent()).toBe('2,000 of 50,000');
      // The file name is the part that gives way, and its full text stays in the tooltip.
      const name = bar.locator('.import-file-name');
      expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await name.getAttribute('title')).toBe(label);
      await page.screenshot({ path: `${SCREENSHOTS}import-progress-long-label-${width}.png` });
      await page.context().close();
    }
  });
});

describe('a board link that names no board', () => {
  it('says so and offers to create one, without opening a socket', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${relay.url}/r/room_typo`);
    const notFound = page.getByTestId('room-not-found');
    await expect.poll(() => notFound.textContent()).toContain('No board called room_typo');
    expect(sockets).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}not-found.png` });
    await page.getByTestId('create-board-link').click();
    await expect.poll(() => page.getByTestId('create-board-form').isVisible()).toBe(true);
    await context.close();
  });

  it('still opens an existing board when the room check cannot reach the relay', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.route(`**/api/rooms/${room}`, (route) => route.abort('internetdisconnected'));
    await page.goto(`${relay.url}/r/${room}`);
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-status'))
      .toBe('connected');
    await expect.poll(() => page.getByTestId('why-node').count()).toBe(SEEDED.whys);
    await context.close();
  });
});
