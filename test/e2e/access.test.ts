/**
 * Auth on, in a real browser: tabs of the same browser do not share edits behind the relay's
 * back, so a viewer tab cannot get its edits relayed by a facilitator tab; a viewer can look
 * around the board (tabs, milestones, focus, zoom) but edit nothing; the facilitator's
 * "Share / invite" button sits in the header's flow, covering nothing.
 */
import * as encoding from 'lib0/encoding';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  addCategory,
  addCause,
  addDetectionRule,
  addEvent,
} from '../../packages/core/src/index.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, SCREENSHOTS, startWebRelay } from './relay.ts';

const SECRET = 'e2e-access-secret-at-least-32-bytes-long';

let relay: E2ERelay;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  relay = await startWebRelay({ secret: SECRET });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await relay?.close();
});

async function newBoard(): Promise<{ room: string; facilitator: string }> {
  const res = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Access drill', incidentId: 'INC-42', severity: 'SEV2' }),
  });
  expect(res.status).toBe(201);
  const { room, token } = (await res.json()) as { room: string; token: string };
  return { room, facilitator: token };
}

async function invite(room: string, facilitator: string, role: string): Promise<string> {
  const res = await fetch(`${relay.url}/api/rooms/${room}/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitator}` },
    body: JSON.stringify({ role, subject: `${role} in test` }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function connected(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByTestId('connection-status').getAttribute('data-status'))
    .toBe('connected');
}

/** Adds an event through the form, unfolding it first when the timeline already has events. */
async function addEventViaForm(page: Page, time: string, text: string): Promise<void> {
  if (!(await page.getByTestId('new-event-time').isVisible()))
    await page.getByTestId('toggle-add-event').click();
  await page.getByTestId('new-event-time').fill(time);
  await page.getByTestId('new-event-description').fill(text);
  await page.getByTestId('add-event').click();
}

const rows = (page: Page) => page.getByTestId('event-row').allTextContents();

/** A y-websocket sync "update" message carrying one new timeline event. */
function eventUpdateMessage(description: string): number[] {
  const doc = new Y.Doc();
  addEvent(doc, { time: '2024-03-01T09:00:00Z', description });
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0); // sync
  encoding.writeVarUint(enc, 2); // update
  encoding.writeVarUint8Array(enc, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return [...encoding.toUint8Array(enc)];
}

describe('access in the browser (auth on)', () => {
  it('a viewer tab cannot pass edits to a facilitator tab of the same browser', async () => {
    const { room, facilitator } = await newBoard();
    const viewer = await invite(room, facilitator, 'viewer');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const fac = await context.newPage();
    await fac.goto(`${relay.url}/r/${room}#token=${facilitator}`);
    const view = await context.newPage();
    await view.goto(`${relay.url}/r/${room}#token=${viewer}`);
    for (const p of [fac, view]) await connected(p);
    await expect.poll(() => view.getByTestId('readonly-banner').isVisible()).toBe(true);

    // The viewer tab speaks the stock provider's cross-tab protocol on the channel a
    // BroadcastChannel-enabled provider listens to (its server URL + room).
    const channel = `${relay.url.replace(/^http/, 'ws')}/sync/${room}`;
    const message = eventUpdateMessage('injected by the viewer tab');
    await view.evaluate(
      ({ channel, message }) => {
        const bc = new BroadcastChannel(channel);
        bc.postMessage(new Uint8Array(message).buffer);
        bc.close();
      },
      { channel, message },
    );

    // A later facilitator edit reaches the viewer through the relay: sync is alive and we waited.
    await addEventViaForm(fac, '2024-03-01T10:00:00Z', 'facilitator edit');
    await expect
      .poll(async () => (await rows(view)).join('\n'), { timeout: 15_000 })
      .toContain('facilitator edit');
    expect((await rows(fac)).join('\n')).not.toContain('injected by the viewer tab');

    const exported = await fetch(`${relay.url}/api/rooms/${room}/export`, {
      headers: { authorization: `Bearer ${facilitator}` },
    });
    expect(exported.status).toBe(200);
    const body = await exported.text();
    expect(body).toContain('facilitator edit');
    expect(body).not.toContain('injected by the viewer tab');
  });
});

/** Writes to the board as the facilitator through a stock provider; waits until it is stored. */
async function writeAsFacilitator(
  room: string,
  token: string,
  marker: string,
  write: (doc: Y.Doc) => void,
) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${relay.url.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  try {
    await expect.poll(() => provider.synced).toBe(true);
    write(doc);
    await expect
      .poll(async () =>
        (
          await fetch(`${relay.url}/api/rooms/${room}/export`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).text(),
      )
      .toContain(marker);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

describe('viewers look, facilitators share', () => {
  it('a viewer opens the Fishbone tab, milestones, focus and zoom; every edit control is off', async () => {
    const { room, facilitator } = await newBoard();
    await writeAsFacilitator(room, facilitator, 'Phished engineer laptop', (doc) => {
      const category = addCategory(doc, 'People');
      addCause(doc, category, null, 'Phished engineer laptop');
      addDetectionRule(doc, {
        title: 'Laptop beacon',
        yaml: 'title: Laptop beacon\n',
        source: null,
      });
    });
    const viewer = await invite(room, facilitator, 'viewer');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const checks: { status: number; auth: string | undefined }[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/rooms/${room}`)
        checks.push({ status: r.status(), auth: r.request().headers().authorization });
    });
    await page.goto(`${relay.url}/r/${room}#token=${viewer}`);
    await connected(page);
    await expect.poll(() => page.getByTestId('readonly-banner').isVisible()).toBe(true);
    // The room check carries the invite from the link, so the relay answers it (not 401).
    expect(checks).toEqual([{ status: 200, auth: `Bearer ${viewer}` }]);
    // Import is a label for a disabled file input: it says it is off, like the TheHive button.
    expect(await page.getByTestId('import-file').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-thehive').isDisabled()).toBe(true);
    const importButton = page.getByTestId('import-file-button');
    expect(await importButton.getAttribute('aria-disabled')).toBe('true');
    expect(await importButton.evaluate((el) => getComputedStyle(el).opacity)).toBe('0.6');

    // Header: shown, not editable.
    for (const id of ['board-title', 'incident-id'])
      expect(await page.getByTestId(id).getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('severity').isDisabled()).toBe(true);

    // Navigation works.
    await page.getByTestId('tab-fishbone').click();
    await expect
      .poll(() => page.getByTestId('fishbone-cause').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.getByTestId('cause-text').inputValue()).toBe('Phished engineer laptop');
    expect(await page.getByTestId('add-category').isDisabled()).toBe(true);
    const addCauseButtons = await page.getByTestId('add-cause').all();
    expect(addCauseButtons.length).toBeGreaterThan(0);
    for (const b of addCauseButtons) expect(await b.isDisabled()).toBe(true);
    expect(await page.getByTestId('cause-text').isDisabled()).toBe(true);
    const zoomIn = page.locator('.react-flow__controls-zoomin');
    expect(await zoomIn.isDisabled()).toBe(false);
    await zoomIn.click();
    const milestones = page.getByRole('button', { name: 'Milestones' });
    expect(await milestones.isDisabled()).toBe(false);
    const focus = page.getByTestId('focus-diagram');
    await focus.click();
    expect(await focus.getAttribute('aria-pressed')).toBe('true');
    await focus.click();
    await page.screenshot({ path: `${SCREENSHOTS}viewer-fishbone.png` });

    // Editing in the side columns stays off.
    expect(await page.getByTestId('new-event-time').isDisabled()).toBe(true);

    // Detection rules: the list and the downloads stay; drafting, editing and deleting are off.
    await page.getByTestId('tab-rules').click();
    await expect.poll(() => page.getByTestId('rule-item').count()).toBe(1);
    expect(await page.getByTestId('draft-rule').isDisabled()).toBe(true);
    expect(await page.getByTestId('rule-yaml').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('rule-label').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('delete-rule').isDisabled()).toBe(true);
    expect(await page.getByTestId('download-all-rules').isVisible()).toBe(true);
    await page.getByTestId('rule-yaml').press('End');
    await page.keyboard.type('injected');
    expect(await page.getByTestId('rule-yaml').inputValue()).toBe('title: Laptop beacon\n');

    // Summary & minutes: readable, not editable.
    await page.getByTestId('tab-notes').click();
    for (const id of ['note-executiveSummary', 'note-minutes'])
      expect(await page.getByTestId(id).getAttribute('readonly')).not.toBeNull();
  });

  it("the facilitator's Share / invite button overlaps nothing in the header at 1440 and 1280", async () => {
    const { room, facilitator } = await newBoard();
    for (const width of [1440, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${relay.url}/r/${room}#token=${facilitator}`);
      await connected(page);
      const share = page.getByTestId('open-share');
      await expect.poll(() => share.isVisible()).toBe(true);
      const box = await share.boundingBox();
      expect(box).not.toBeNull();
      for (const id of [
        'severity',
        'connection-status',
        'copy-share-url',
        'incident-id',
        'board-title',
      ]) {
        const other = await page.getByTestId(id).boundingBox();
        expect(other, id).not.toBeNull();
        if (!box || !other) continue;
        const overlaps =
          box.x < other.x + other.width &&
          other.x < box.x + box.width &&
          box.y < other.y + other.height &&
          other.y < box.y + box.height;
        expect(overlaps, `Share / invite overlaps ${id} at ${width}px`).toBe(false);
      }
      // Inside the viewport, not clipped.
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SCREENSHOTS}facilitator-header-${width}.png` });
    }
  });

  it('the share dialog warns to keep a facilitator link and copies a new invite link', async () => {
    const { room, facilitator } = await newBoard();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: relay.url });
    const page = await context.newPage();
    await page.goto(`${relay.url}/r/${room}#token=${facilitator}`);
    await connected(page);
    await page.getByTestId('open-share').click();
    expect(await page.getByTestId('keep-facilitator-link').textContent()).toMatch(
      /facilitator link for yourself/,
    );
    await page.getByTestId('invite-name').fill('Vera');
    await page.getByTestId('invite-role').selectOption('viewer');
    await page.getByTestId('invite-create').click();
    const link = await page.getByTestId('invite-link').inputValue();
    expect(link).toContain('token=');
    await page.getByTestId('invite-copy').click();
    await expect.poll(() => page.getByTestId('invite-copy').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await page.screenshot({ path: `${SCREENSHOTS}share-dialog.png` });
  });

  it('a tab whose invite is revoked says so, not a generic refusal', async () => {
    const { room, facilitator } = await newBoard();
    const res = await fetch(`${relay.url}/api/rooms/${room}/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitator}` },
      body: JSON.stringify({ role: 'editor', subject: 'Eddie' }),
    });
    const { id, token } = (await res.json()) as { id: string; token: string };
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${relay.url}/r/${room}#token=${token}`);
    await connected(page);
    const revoked = await fetch(`${relay.url}/api/rooms/${room}/invites/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${facilitator}` },
    });
    expect(revoked.status).toBe(204);
    await expect
      .poll(() => page.getByTestId('offline-banner').textContent(), { timeout: 15_000 })
      .toMatch(/Your invite was revoked/);
  });
});
