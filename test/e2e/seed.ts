/**
 * Seeds a board the way a review team would leave it halfway through the CircleCI 2023 review:
 * the real timeline, a fishbone with causes and sub-causes on every bone, and a 5 Whys tree five
 * levels deep with a branch. Written through a stock y-websocket client and the core accessors,
 * so the browser sees exactly what a colleague's edits would produce.
 */
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addActionItem, addCause, addWhy, updateWhy } from '../../packages/core/src/index.ts';
import { fixture } from './relay.ts';

const CIRCLECI = fixture('timelines/circleci_2023_01_04_security_incident.csv');

export const LONG_ACTION =
  'Deploy EDR to every engineering laptop with production access and page security when an agent stops reporting';

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `write` against the room's live doc; returns once the relay's export shows `marker`. */
export async function editRoom(
  baseUrl: string,
  room: string,
  marker: string,
  write: (doc: Y.Doc) => void,
): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await until(() => provider.synced, 'sync');
    write(doc);
    let stored = '';
    const start = Date.now();
    while (!stored.includes(marker)) {
      if (Date.now() - start > 5000) throw new Error(`relay never stored "${marker}"`);
      await new Promise((r) => setTimeout(r, 50));
      stored = await (await fetch(`${baseUrl}/api/rooms/${room}/export`)).text();
    }
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** Creates a board, imports the CircleCI timeline and fills in the diagrams; returns the room. */
export async function seedCircleCiReview(baseUrl: string): Promise<string> {
  const created = await fetch(`${baseUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'CircleCI secrets exposure',
      incidentId: 'INC-2023-001',
      severity: 'SEV1',
      problem: 'Customer secrets were exfiltrated from CircleCI',
    }),
  });
  const { room } = (await created.json()) as { room: string };
  const imported = await fetch(`${baseUrl}/api/rooms/${room}/timeline`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: readFileSync(CIRCLECI, 'utf8'),
  });
  if (imported.status !== 201) throw new Error(`import failed: ${imported.status}`);

  await editRoom(baseUrl, room, LONG_ACTION, (doc) => {
    const malware = addCause(
      doc,
      'cat-people',
      null,
      'Engineer laptop infected by info-stealing malware',
    );
    addCause(doc, 'cat-people', malware, 'Antivirus did not flag the malware');
    addCause(doc, 'cat-process', null, 'Secret rotation relied on every customer acting');
    addCause(doc, 'cat-technology', null, 'Encryption keys readable from running processes');
    const cookie = addCause(doc, 'cat-identity', null, 'SSO session cookie stayed valid after 2FA');
    addCause(doc, 'cat-identity', cookie, 'Sessions lasted days without re-authentication');
    addCause(doc, 'cat-identity', null, 'Engineer could generate production access tokens');
    addCause(doc, 'cat-detection', null, 'No alert on a session used from a new location');
    addCause(doc, 'cat-detection', null, 'Database exfiltration unnoticed for 10 days');
    addCause(doc, 'cat-third-parties', null, 'A customer report was the first signal');

    const w1 = addWhy(doc, null, 'The intruder used a valid engineer SSO session in production');
    const w2 = addWhy(doc, w1, 'Malware stole a 2FA-backed session cookie from a laptop');
    const w3 = addWhy(doc, w2, 'Antivirus did not detect the info-stealer');
    addWhy(doc, w2, 'Session cookies stayed valid for days without re-authentication');
    const w4 = addWhy(doc, w3, 'EDR was not deployed on every engineering laptop');
    const w5 = addWhy(doc, w4, 'No baseline enforced for laptops with production access');
    updateWhy(doc, w5, { isRootCause: true });

    addActionItem(doc, { title: LONG_ACTION, owner: 'Security engineering', priority: 'high' });
  });
  return room;
}

/** Counts of what seedCircleCiReview writes, for assertions. */
export const SEEDED = { causes: 10, whys: 6, categories: 6 } as const;
