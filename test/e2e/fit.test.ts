/**
 * What a new user found cut off or misleading in the tried build: action-item cards wider than
 * their column, side columns flush with the window edge, trend axes that dropped the day part,
 * times cut to "20…", Jira keys never shown, counts without separators, a collapsed agenda with
 * no sign it opens, and a fishbone that stopped fitting once causes were added by hand.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActionItem, addWhy } from '../../packages/core/src/index.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, SCREENSHOTS, startWebRelay } from './relay.ts';
import { editRoom } from './seed.ts';

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

async function createBoard(
  title: string,
  events: readonly object[],
  problem = 'Creds phished',
): Promise<string> {
  const created = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, incidentId: 'INC-7', severity: 'SEV2', problem }),
  });
  const { room } = (await created.json()) as { room: string };
  if (events.length > 0) {
    const imported = await fetch(`${relay.url}/api/rooms/${room}/timeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    if (imported.status !== 201) throw new Error(`import failed: ${imported.status}`);
  }
  return room;
}

async function open(width: number, height: number, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(`${relay.url}${path}`);
  return page;
}

/** Class names of the elements inside `column` whose right edge is past the column's. */
function pokingOut(column: Locator): Promise<string[]> {
  return column.evaluate((col) => {
    const edge = col.getBoundingClientRect().right + 1;
    return [...col.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > edge)
      .map((el) => `${el.tagName}.${el.className}`);
  });
}

describe('action-item cards', () => {
  let room = '';
  /** The item linked to a why (items added in one millisecond are listed in id order). */
  let linkedItem = '';
  beforeAll(async () => {
    room = await createBoard('Phishing review', []);
    await editRoom(relay.url, room, 'Train staff', (doc) => {
      const why = addWhy(doc, null, 'No phishing-resistant MFA on the VPN for contractors');
      linkedItem = addActionItem(doc, {
        title: 'Enforce phishing-resistant MFA',
        owner: 'Identity team',
        dueDate: '2027-01-10',
        priority: 'critical',
        status: 'in-progress',
        addresses: { kind: 'why', id: why },
        jiraKey: 'SEC-1234',
      });
      addActionItem(doc, {
        title: '=HYPERLINK("http://evil","click") </table><script>alert(1)</script> | pipe',
        dueDate: '2027-10-01',
      });
      addActionItem(doc, { title: 'Train staff', dueDate: '2027-11-30', status: 'wont-do' });
    });
  });

  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
    [1920, 1080],
  ] as const) {
    it(`fit their column, with every field and the delete button in view, at ${width}px`, async () => {
      const page = await open(width, height, `/r/${room}`);
      const cards = page.getByTestId('action-item');
      await expect.poll(() => cards.count()).toBe(3);
      const right = page.locator('.col-right');

      expect(await pokingOut(right)).toEqual([]);
      // The column scrolls only up and down; sideways scrolling clipped the panels' headings.
      expect(await right.evaluate((c) => c.scrollWidth - c.clientWidth)).toBe(0);
      const col = await right.boundingBox();
      for (const id of ['action-due', 'action-status', 'action-addresses', 'delete-action-item']) {
        const b = await cards.first().getByTestId(id).boundingBox();
        expect(b && col && b.x + b.width <= col.x + col.width, id).toBe(true);
      }
      // A margin between the side columns and the window's edges.
      const left = await page.locator('.col-left').boundingBox();
      expect(left?.x).toBeGreaterThanOrEqual(8);
      expect(col && width - (col.x + col.width)).toBeGreaterThanOrEqual(8);
      // The narrower middle column still shows the whole tab bar, focus toggle included.
      const main = await page.locator('.col-main').boundingBox();
      const focus = await page.getByTestId('focus-diagram').boundingBox();
      expect(main && focus && focus.x + focus.width <= main.x + main.width).toBe(true);
      // …on the same row as the tabs, not wrapped under them at the diagram's expense.
      const tab = await page.getByTestId('tab-whys').boundingBox();
      expect(tab && focus && focus.y < tab.y + tab.height).toBe(true);
      await cards.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}fit-action-items-${width}.png` });
      await page.context().close();
    });
  }

  it('offer the whys and causes to address in groups, the linked why selected', async () => {
    const page = await open(1440, 900, `/r/${room}`);
    const addresses = page
      .locator(`[data-action-id="${linkedItem}"]`)
      .getByTestId('action-addresses');
    await expect
      .poll(() => addresses.locator('option:checked').textContent())
      .toBe('No phishing-resistant MFA on the VPN for contractors');
    // No fishbone causes yet: only the whys' group is offered.
    expect(
      await addresses
        .locator('optgroup')
        .evaluateAll((gs) => gs.map((g) => g.getAttribute('label'))),
    ).toEqual(['5 Whys']);
    await addresses.selectOption('');
    await expect
      .poll(() => addresses.locator('option:checked').textContent())
      .toBe('— no cause linked —');
    await page.context().close();
  });

  it('show the Jira key written back by a push: text here, a link where the Jira URL is known', async () => {
    const page = await open(1440, 900, `/r/${room}`);
    const key = page.getByTestId('action-jira-key');
    await expect.poll(() => key.textContent()).toBe('Jira SEC-1234');
    expect(await key.locator('a').count()).toBe(0);
    expect(await page.getByTestId('action-item').count()).toBe(3);

    // This browser sent a push to Jira before: it remembers the URL (never the token).
    await page.evaluate(() =>
      localStorage.setItem(
        'causeway.jira',
        JSON.stringify({ baseUrl: 'https://acme.atlassian.net/' }),
      ),
    );
    await page.reload();
    const link = page.getByTestId('action-jira-key').locator('a');
    await expect
      .poll(() => link.getAttribute('href'))
      .toBe('https://acme.atlassian.net/browse/SEC-1234');
    expect(await link.textContent()).toBe('SEC-1234');
    await page
      .getByTestId('action-item')
      .first()
      .screenshot({ path: `${SCREENSHOTS}fit-action-jira-key.png` });
    await page.context().close();
  });
});

describe('trend charts', () => {
  it('label the duration axis in one round unit, in order, whole, and count "1 board"', async () => {
    // Triage 2208 d 8 h 40 min after detection: a ticket closed years late, as the tester's was.
    await createBoard('Years-late triage', [
      { time: '2016-12-12T15:19:57Z', description: 'INC0000060 opened', phase: 'detection' },
      { time: '2022-12-29T23:59:57Z', description: 'INC0000060 triaged', phase: 'triage' },
    ]);
    const page = await open(1440, 900, '/trends');
    const chart = page.getByTestId('quarter-chart').filter({ hasText: 'Time to triage' });
    await expect.poll(() => chart.getByTestId('axis-tick').count()).toBeGreaterThan(1);
    expect(await chart.getByTestId('axis-tick').allTextContents()).toEqual([
      '0',
      '500 d',
      '1,000 d',
      '1,500 d',
      '2,000 d',
      '2,500 d',
    ]);
    // Every label lies inside the chart, so no part of it is cut off at the left.
    const svg = await chart.locator('svg').boundingBox();
    for (const tick of await chart.getByTestId('axis-tick').all()) {
      const b = await tick.boundingBox();
      expect(b && svg && b.x >= svg.x && b.x + b.width <= svg.x + svg.width).toBe(true);
    }
    expect(await chart.locator('rect title').first().textContent()).toMatch(
      /: 2208 d 8 h 40 min \(1 board\)$/,
    );
    await chart.screenshot({ path: `${SCREENSHOTS}fit-trends-triage.png` });
    await page.context().close();
  });
});

/** Texts among `lines` that are cut (ellipsis or clip): wider than the box that shows them. */
function cutLines(lines: Locator): Promise<string[]> {
  return lines.evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent ?? ''),
  );
}

describe('times in full', () => {
  const IRIS_CSV = [
    'event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,event_assets,event_iocs,event_tags',
    '"2024-03-31T01:30:07.000","+01:00","Macro runs on FIN-PC-07","Execution","","","EDR","","",""',
    '"2024-03-31T03:12:44.000","-04:00","EDR alert: credential dumping","Credential Access","","","EDR","","",""',
  ].join('\n');

  it('shows the import preview’s time with seconds and offset, uncut', async () => {
    const room = await createBoard('Preview times', []);
    const page = await open(1440, 900, `/r/${room}`);
    await page.getByTestId('import-file').setInputFiles({
      name: 'iris_timeline.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(IRIS_CSV),
    });
    const sample = page.getByTestId('import-sample');
    await expect.poll(() => sample.locator('tbody tr').count()).toBe(2);
    const first = sample.locator('tbody tr').first();
    expect(await first.getByTestId('time-local').textContent()).toBe('2024-03-31 01:30:07');
    expect(await first.getByTestId('time-utc').textContent()).toBe('+01:00 · 00:30:07 UTC');
    expect(
      await cutLines(sample.locator('[data-testid=time-local], [data-testid=time-utc]')),
    ).toEqual([]);
    await page
      .getByTestId('import-dialog')
      .screenshot({ path: `${SCREENSHOTS}fit-import-times.png` });
    await page.context().close();
  });

  for (const width of [1280, 1440]) {
    it(`shows timeline times to the second, and their UTC line, uncut at ${width}px`, async () => {
      const room = await createBoard('Timeline seconds', [
        {
          time: '2015-06-23T11:06:05-04:00',
          description: 'somefile contents',
          phase: 'compromise',
        },
        { time: '2016-12-12T15:19:57Z', description: 'INC0000060 opened', phase: 'containment' },
        { time: '2017-02-28T23:37:09-08:00', description: 'next day in UTC', phase: 'eradication' },
      ]);
      const page = await open(width, 900, `/r/${room}`);
      const rows = page.getByTestId('event-row');
      await expect.poll(() => rows.count()).toBe(3);
      expect(await rows.getByTestId('time-local').allTextContents()).toContain(
        '2015-06-23 11:06:05',
      );
      expect(
        await cutLines(
          page.locator('.event-row [data-testid=time-local], .event-row [data-testid=time-utc]'),
        ),
      ).toEqual([]);
      await page
        .locator('.col-left')
        .screenshot({ path: `${SCREENSHOTS}fit-timeline-times-${width}.png` });
      await page.context().close();
    });
  }
});

describe('small signs', () => {
  it('counts with thousands separators and marks the collapsed agenda as one that opens', async () => {
    const events = Array.from({ length: 1200 }, (_, i) => ({
      time: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      description: `event number ${i}`,
    }));
    const room = await createBoard('Many events', events);
    const page = await open(1440, 900, `/r/${room}`);
    const count = page.getByTestId('timeline').locator('.panel-head .count');
    await expect.poll(() => count.textContent()).toBe('1,200');

    const marker = () =>
      page
        .getByTestId('agenda')
        .locator('summary h2')
        .evaluate((h2) => {
          const before = getComputedStyle(h2, '::before');
          return { content: before.content, turned: before.transform !== 'none' };
        });
    expect(await marker()).toEqual({ content: '"▸"', turned: false });
    await page.getByTestId('agenda').locator('summary').click();
    await expect.poll(marker).toEqual({ content: '"▸"', turned: true });
    await page.getByTestId('agenda').locator('summary').click();
    await expect.poll(marker).toEqual({ content: '"▸"', turned: false });
    await page.screenshot({ path: `${SCREENSHOTS}fit-counts-agenda.png` });
    await page.context().close();
  });
});

describe('the fishbone after causes are added by hand', () => {
  it('refits when a new cause spills out, though the person clicked buttons on the diagram', async () => {
    const room = await createBoard('Fishbone by hand', []);
    const page = await open(1440, 900, `/r/${room}`);
    await page.getByTestId('tab-fishbone').click();
    const fish = page.getByTestId('fishbone-diagram');
    const pane = fish.locator('.react-flow');
    await expect.poll(() => fish.getByTestId('fishbone-category').count()).toBeGreaterThan(3);
    await page.waitForTimeout(600);
    const long = `Cause A ${'a very long cause label that goes on and on '.repeat(2)}to check clipping`;
    for (const [i, text] of [
      [0, long],
      [1, 'Cause B mail filter missed lookalike domain'],
    ] as const) {
      await fish.getByTestId('fishbone-category').nth(i).getByTestId('add-cause').click();
      const editor = fish.getByTestId('cause-text').last();
      await editor.fill(text);
      await editor.press('Enter');
      await page.waitForTimeout(400);
    }
    await expect.poll(() => fish.getByTestId('fishbone-cause').count()).toBe(2);
    // The view eases into place; then every category and cause lies inside the pane.
    const outsidePane = async () => {
      const p = await pane.boundingBox();
      if (!p) return ['no pane'];
      const out: string[] = [];
      for (const item of await fish
        .locator('[data-testid=fishbone-category], [data-testid=fishbone-cause]')
        .all()) {
        const b = await item.boundingBox();
        if (
          !b ||
          b.x < p.x - 1 ||
          b.y < p.y - 1 ||
          b.x + b.width > p.x + p.width + 1 ||
          b.y + b.height > p.y + p.height + 1
        )
          out.push((await item.textContent())?.slice(0, 30) ?? '?');
      }
      return out;
    };
    await expect.poll(outsidePane, { timeout: 5000 }).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}fit-fishbone-by-hand.png` });
    await page.context().close();
  });
});

describe('long values on the board', () => {
  for (const width of [1280, 1440]) {
    it(`keep a years-long metric in its card and a long problem word in its column at ${width}px`, async () => {
      // Dwell time 2875 d 16 h 40 min: a ticket reopened years later, as the tester's was.
      const room = await createBoard(
        'Years-long dwell',
        [
          { time: '2016-12-12T15:19:57Z', description: 'Webshell planted', phase: 'compromise' },
          { time: '2024-10-27T07:59:57Z', description: 'Webshell found', phase: 'detection' },
        ],
        `Exfiltration to ${'a'.repeat(120)}.example via /upload?token=${'f'.repeat(64)}`,
      );
      const page = await open(width, 900, `/r/${room}`);
      const dwell = page.getByTestId('metric-dwellSeconds');
      await expect
        .poll(() => dwell.getByTestId('metric-value').textContent())
        .toBe('2875 d 16 h 40 min');
      for (const card of await page.locator('.metric').all())
        expect(await pokingOut(card)).toEqual([]);
      expect(await pokingOut(page.locator('.col-left'))).toEqual([]);
      const problem = page.locator('.problem');
      await expect.poll(() => problem.textContent()).toContain('token=');
      expect(await pokingOut(page.locator('.col-right'))).toEqual([]);
      expect(await page.locator('.col-right').evaluate((c) => c.scrollWidth - c.clientWidth)).toBe(
        0,
      );
      await page
        .locator('.col-left')
        .screenshot({ path: `${SCREENSHOTS}fit-long-metric-${width}.png` });
      await problem.screenshot({ path: `${SCREENSHOTS}fit-long-problem-${width}.png` });
      await page.context().close();
    });
  }
});

describe('keyboard focus', () => {
  it('rings the Import button when Tab reaches its hidden file input', async () => {
    const room = await createBoard('Focus ring', [
      { time: '2024-01-01T00:00:00Z', description: 'first event' },
    ]);
    const page = await open(1440, 900, `/r/${room}`);
    const add = page.getByTestId('toggle-add-event');
    await add.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'import-file',
    );
    const ring = () =>
      page
        .getByTestId('import-file-button')
        .evaluate((l) => `${getComputedStyle(l).outlineStyle} ${getComputedStyle(l).outlineWidth}`);
    expect(await ring()).toBe('solid 2px');
    await page
      .getByTestId('timeline')
      .locator('.panel-head')
      .screenshot({
        path: `${SCREENSHOTS}fit-import-focus.png`,
      });
    // The ring follows the focus away again.
    await page.keyboard.press('Tab');
    expect(await ring()).not.toBe('solid 2px');
    await page.context().close();
  });
});
