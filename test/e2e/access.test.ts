/**
 * Auth on, in a real browser: tabs of the same browser do not share edits behind the relay's
 * back, so a viewer tab cannot get its edits relayed by a facilitator tab.
 */
import * as encoding from 'lib0/encoding';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEvent } from '../../packages/core/src/index.ts';
import { launchBrowser } from './browser.ts';
import { type E2ERelay, startWebRelay } from './relay.ts';

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
