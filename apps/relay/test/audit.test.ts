/** Who changed what and when, and restore-to-snapshot as a new, audited change. */
import { addEvent, readBoard, readTimeline, updateMeta } from '@causeway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditEntry } from '../src/audit/auditStore.ts';
import {
  type Client,
  connect,
  createBoard,
  invite,
  removeDir,
  startRelay,
  synced,
  TEST_SECRET,
  type TestRelay,
  waitFor,
} from './helpers.ts';

let relay: TestRelay;
let room: string;
let facilitator: string;
const clients: Client[] = [];
beforeAll(async () => {
  relay = await startRelay({ secret: TEST_SECRET });
  ({ room, token: facilitator = '' } = await createBoard(relay));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await relay.close();
  removeDir(relay.dataDir);
});

const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const audit = async (): Promise<AuditEntry[]> =>
  (
    await fetch(`${relay.http}/api/rooms/${room}/audit`, {
      headers: auth(facilitator),
    })
  ).json() as Promise<AuditEntry[]>;

describe('audit log', () => {
  it('records each applied update with subject, role, client, size and board areas', async () => {
    const eve = connect(
      relay,
      room,
      (await invite(relay, room, facilitator, 'editor', 'Eve')).token,
    );
    clients.push(eve);
    await synced(eve);
    updateMeta(eve.doc, { title: 'Renamed by Eve' });
    addEvent(eve.doc, { time: '2024-01-01T00:00:00Z', description: 'phish', phase: 'compromise' });
    await waitFor(() => readTimeline(relay.app.rooms.get(room)?.doc ?? new Y.Doc()).length === 1);
    const entries = (await audit()).filter((e) => e.subject === 'Eve');
    expect(entries, JSON.stringify(entries)).toHaveLength(2);
    const [timeline, meta] = entries;
    expect(meta).toMatchObject({ role: 'editor', action: 'edit', areas: ['meta'] });
    expect(timeline).toMatchObject({ role: 'editor', action: 'edit', areas: ['timeline'] });
    expect(timeline?.clients).toEqual([eve.doc.clientID]);
    expect(timeline?.bytes).toBeGreaterThan(10);
    expect(Date.now() - Date.parse(timeline?.at ?? '')).toBeLessThan(10_000);
  });

  it('records REST imports under the token’s subject', async () => {
    const token = (await invite(relay, room, facilitator, 'editor', 'Imogen')).token;
    const res = await fetch(`${relay.http}/api/rooms/${room}/timeline`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...auth(token) },
      body: 'time,description,phase\n2024-01-02T00:00:00Z,detected,detection\n',
    });
    expect(res.status).toBe(201);
    const [latest] = await audit();
    expect(latest).toMatchObject({
      subject: 'Imogen',
      role: 'editor',
      action: 'import',
      areas: ['timeline'],
    });
  });
});

describe('restore to snapshot', () => {
  it('adds a change that makes every connected board equal to the snapshot, and audits it', async () => {
    const a = connect(relay, room, facilitator);
    const b = connect(relay, room, facilitator);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const snap = await fetch(`${relay.http}/api/rooms/${room}/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(facilitator) },
      body: JSON.stringify({ label: 'before the mess' }),
    });
    const { id } = (await snap.json()) as { id: string };
    const snapExport = (await (
      await fetch(`${relay.http}/api/rooms/${room}/snapshots/${id}/export`, {
        headers: auth(facilitator),
      })
    ).json()) as Record<string, unknown>;

    updateMeta(a.doc, { title: 'Wrong title', rootCause: 'guess' });
    addEvent(b.doc, { time: '2024-01-03T00:00:00Z', description: 'noise', phase: null });
    await waitFor(
      () => readTimeline(a.doc).length === 3 && readBoard(b.doc).meta.title === 'Wrong title',
    );
    const historyBefore = Y.decodeStateVector(Y.encodeStateVector(a.doc));

    const res = await fetch(`${relay.http}/api/rooms/${room}/snapshots/${id}/restore`, {
      method: 'POST',
      headers: auth(facilitator),
    });
    expect(res.status).toBe(200);
    await waitFor(() => readTimeline(a.doc).length === 2 && readTimeline(b.doc).length === 2);
    await waitFor(() => readBoard(b.doc).meta.title === 'Renamed by Eve');
    expect(readBoard(a.doc)).toEqual(readBoard(b.doc));
    const now = (await (
      await fetch(`${relay.http}/api/rooms/${room}/export`, { headers: auth(facilitator) })
    ).json()) as Record<string, unknown>;
    const strip = (x: Record<string, unknown>) => ({ ...x, exportedAt: 0, snapshot: 0 });
    expect(strip(now)).toEqual(strip(snapExport));
    // Added, not erased: no client's clock went back.
    const after = Y.decodeStateVector(Y.encodeStateVector(a.doc));
    for (const [client, clock] of historyBefore)
      expect(after.get(client)).toBeGreaterThanOrEqual(clock);
    const [latest] = await audit();
    expect(latest).toMatchObject({ subject: 'Fran', role: 'facilitator', action: 'restore' });
    expect(latest?.areas).toEqual(expect.arrayContaining(['meta', 'timeline']));
  });

  it('an editor may not restore', async () => {
    const token = (await invite(relay, room, facilitator, 'editor', 'E')).token;
    const list = (await (
      await fetch(`${relay.http}/api/rooms/${room}/snapshots`, { headers: auth(token) })
    ).json()) as Array<{ id: string }>;
    const res = await fetch(`${relay.http}/api/rooms/${room}/snapshots/${list[0]?.id}/restore`, {
      method: 'POST',
      headers: auth(token),
    });
    expect(res.status).toBe(403);
  });
});
