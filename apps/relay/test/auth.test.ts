/** Invite tokens on sockets and REST; viewers are read-only at the relay, not just in the UI. */

import { MAX_IMPORT_BYTES } from '@causeway/core';
import { SignJWT } from 'jose';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mintToken } from '../src/auth/tokens.ts';
import { CLOSE } from '../src/errors.ts';
import { MESSAGE, SYNC } from '../src/protocol/messages.ts';
import {
  type Client,
  closed,
  connect,
  createBoard,
  invite,
  rawSocket,
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
  const created = await createBoard(relay);
  room = created.room;
  facilitator = created.token ?? '';
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await relay.close();
  removeDir(relay.dataDir);
});

const api = (path: string, token: string | undefined, init: RequestInit = {}) =>
  fetch(`${relay.http}${path}`, {
    ...init,
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });

describe('sockets', () => {
  it('creating a board returns a facilitator token that opens it', async () => {
    expect(facilitator.split('.')).toHaveLength(3);
    const a = connect(relay, room, facilitator);
    clients.push(a);
    await synced(a);
  });

  it('no token, a forged token or another board’s token: closed 4401/4403 before the room loads', async () => {
    const other = await createBoard(relay, 'other');
    await relay.app.rooms.idle();
    const forged = await mintToken('x'.repeat(40), {
      room: 'never-loaded',
      role: 'facilitator',
      subject: 'mallory',
      expiresAt: Math.floor(Date.now() / 1000) + 60,
    });
    const cases: Array<[string, string | undefined, number, RegExp]> = [
      ['never-loaded', undefined, CLOSE.unauthorized, /invite token is required/],
      ['never-loaded', forged.token, CLOSE.unauthorized, /invalid invite token/],
      ['never-loaded', other.token, CLOSE.forbidden, /another board/],
    ];
    for (const [r, token, code, reason] of cases) {
      const ws = await rawSocket(relay, r, token);
      const done = closed(ws);
      ws.send(new Uint8Array([0, 0, 1, 0]));
      const got = await done;
      expect(got.code).toBe(code);
      expect(got.reason).toMatch(reason);
    }
    expect(relay.app.rooms.get('never-loaded')).toBeUndefined();
    expect(await relay.app.storage.hasRoom('never-loaded')).toBe(false);
  });

  it('an expired token is refused', async () => {
    const old = await new SignJWT({ room, role: 'editor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('causeway')
      .setSubject('late')
      .setJti('inv_x')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const ws = await rawSocket(relay, room, old);
    expect(await closed(ws)).toEqual({ code: CLOSE.unauthorized, reason: 'invite expired' });
  });

  it('a viewer syncs and shows presence, but its updates are refused with permission-denied and never applied', async () => {
    const editor = connect(
      relay,
      room,
      (await invite(relay, room, facilitator, 'editor', 'Eve')).token,
    );
    const viewer = connect(
      relay,
      room,
      (await invite(relay, room, facilitator, 'viewer', 'Vic')).token,
    );
    clients.push(editor, viewer);
    await Promise.all([synced(editor), synced(viewer)]);
    editor.doc.getMap('m').set('from', 'editor');
    await waitFor(() => viewer.doc.getMap('m').get('from') === 'editor', 2000, 'viewer reads');

    const denied: string[] = [];
    viewer.provider.ws?.addEventListener('message', (ev: { data: ArrayBuffer }) => {
      const d = decoding.createDecoder(new Uint8Array(ev.data));
      if (decoding.readVarUint(d) !== MESSAGE.auth) return;
      decoding.readVarUint(d);
      denied.push(decoding.readVarString(d));
    });
    viewer.doc.getMap('m').set('from', 'viewer');
    await waitFor(() => denied.length > 0, 2000, 'permission denied');
    expect(denied[0]).toMatch(/read-only/);
    const live = relay.app.rooms.get(room)?.doc;
    expect(live?.getMap('m').get('from')).toBe('editor');
    expect(editor.doc.getMap('m').get('from')).toBe('editor');

    viewer.provider.awareness.setLocalState({ user: 'Vic' });
    await waitFor(
      () => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.user === 'Vic',
      2000,
      'viewer presence',
    );
    expect(viewer.provider.wsconnected).toBe(true);
  });

  it('a viewer’s sync step 2 and update frames are each answered permission-denied and never applied', async () => {
    // A provider sends step 2 with whatever it holds when it connects (e.g. edits made offline);
    // the relay must refuse that path as well as live updates.
    const token = (await invite(relay, room, facilitator, 'viewer', 'Sly')).token;
    const ws = await rawSocket(relay, room, token);
    const denied: string[] = [];
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== MESSAGE.auth) return;
      decoding.readVarUint(d);
      denied.push(decoding.readVarString(d));
    });
    const forged = new Y.Doc();
    forged.getMap('m').set('sly', 'was here');
    const update = Y.encodeStateAsUpdate(forged);
    for (const kind of [SYNC.step2, SYNC.update]) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE.sync);
      encoding.writeVarUint(e, kind);
      encoding.writeVarUint8Array(e, update);
      const before = denied.length;
      ws.send(encoding.toUint8Array(e));
      await waitFor(() => denied.length > before, 2000, `permission denied for sync type ${kind}`);
      expect(denied.at(-1)).toMatch(/read-only/);
    }
    expect(relay.app.rooms.get(room)?.doc.getMap('m').has('sly')).toBe(false);
    expect(ws.readyState).toBe(ws.OPEN);
    ws.close();
  });

  it('revoking an invite closes its live sockets with 4401 and refuses it afterwards', async () => {
    const inv = await invite(relay, room, facilitator, 'editor', 'Rex');
    const ws = await rawSocket(relay, room, inv.token);
    const done = closed(ws);
    const res = await api(`/api/rooms/${room}/invites/${inv.id}`, facilitator, {
      method: 'DELETE',
    });
    expect(res.status).toBe(204);
    expect(await done).toEqual({ code: CLOSE.unauthorized, reason: 'invite revoked' });
    const again = await rawSocket(relay, room, inv.token);
    expect((await closed(again)).code).toBe(CLOSE.unauthorized);
    const list = (await (await api(`/api/rooms/${room}/invites`, facilitator)).json()) as Array<{
      id: string;
      active: boolean;
      revokedAt: string | null;
    }>;
    const row = list.find((i) => i.id === inv.id);
    expect(row?.active).toBe(false);
    expect(row?.revokedAt).toMatch(/^\d{4}-/);
  });
});

describe('REST roles', () => {
  it('export needs viewer; import and snapshots need editor; invites, audit, delete need facilitator', async () => {
    const viewer = (await invite(relay, room, facilitator, 'viewer', 'V')).token;
    const editor = (await invite(relay, room, facilitator, 'editor', 'E')).token;
    const csv = { body: 'time,description,phase\n2024-01-01T00:00:00Z,x,detection\n' };
    const importAs = (t?: string) =>
      fetch(`${relay.http}/api/rooms/${room}/timeline`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...(t ? { authorization: `Bearer ${t}` } : {}) },
        ...csv,
      });
    const snapAs = (t?: string) =>
      api(`/api/rooms/${room}/snapshots`, t, {
        method: 'POST',
        body: JSON.stringify({ label: 's' }),
      });
    const status = async (p: Promise<Response>) => (await p).status;

    expect(await status(api(`/api/rooms/${room}/export`, undefined))).toBe(401);
    expect(await status(api(`/api/rooms/${room}/export`, viewer))).toBe(200);
    expect(await status(importAs(viewer))).toBe(403);
    expect(await status(importAs(editor))).toBe(201);
    expect(await status(snapAs(viewer))).toBe(403);
    expect(await status(snapAs(editor))).toBe(201);
    for (const [method, path] of [
      ['GET', 'invites'],
      ['GET', 'audit'],
      ['GET', 'backup'],
    ] as const) {
      expect(await status(api(`/api/rooms/${room}/${path}`, editor, { method }))).toBe(403);
      expect(await status(api(`/api/rooms/${room}/${path}`, facilitator, { method }))).toBe(200);
    }
    const mintAsEditor = api(`/api/rooms/${room}/invites`, editor, {
      method: 'POST',
      body: JSON.stringify({ role: 'facilitator', subject: 'me' }),
    });
    expect(await status(mintAsEditor)).toBe(403);
    const access = await (await api(`/api/rooms/${room}/access`, viewer)).json();
    expect(access).toEqual({
      auth: 'on',
      role: 'viewer',
      subject: 'V',
      maxUploadBytes: MAX_IMPORT_BYTES,
    });
  });

  it('every board route refuses the role just below the one it needs, and lets that role in', async () => {
    // One row per route in auth/policy.ts, written out here so a weakened rule fails this test.
    const board = await createBoard(relay, 'policy');
    const fac = board.token ?? '';
    const tokens = {
      none: undefined,
      viewer: (await invite(relay, board.room, fac, 'viewer', 'pv')).token,
      editor: (await invite(relay, board.room, fac, 'editor', 'pe')).token,
      facilitator: fac,
    };
    const below = { viewer: 'none', editor: 'viewer', facilitator: 'editor' } as const;
    const routes: Array<[string, string, keyof typeof below]> = [
      ['GET', '', 'viewer'],
      ['GET', '/access', 'viewer'],
      ['GET', '/export', 'viewer'],
      ['GET', '/snapshots', 'viewer'],
      ['GET', '/snapshots/none/export', 'viewer'],
      ['POST', '/snapshots', 'editor'],
      ['POST', '/timeline', 'editor'],
      ['GET', '/invites', 'facilitator'],
      ['POST', '/invites', 'facilitator'],
      ['DELETE', '/invites/none', 'facilitator'],
      ['GET', '/audit', 'facilitator'],
      ['POST', '/snapshots/none/restore', 'facilitator'],
      ['GET', '/backup', 'facilitator'],
      ['PUT', '/backup', 'facilitator'],
      ['DELETE', '', 'facilitator'],
    ];
    const call = (method: string, path: string, token: string | undefined) =>
      api(`/api/rooms/${board.room}${path}`, token, {
        method,
        ...(method === 'POST' || method === 'PUT' ? { body: '{}' } : {}),
      }).then((r) => r.status);
    for (const [method, path, need] of routes) {
      const lower = below[need];
      const refused = await call(method, path, tokens[lower]);
      expect(refused, `${method} ${path} as ${lower}`).toBe(lower === 'none' ? 401 : 403);
      // Deleting the board itself is checked with a facilitator in the next test.
      if (method === 'DELETE' && path === '') continue;
      const granted = await call(method, path, tokens[need]);
      expect([401, 403], `${method} ${path} as ${need}`).not.toContain(granted);
    }
  });

  it('deleting a board needs a facilitator, closes its sockets 4410 and removes its data', async () => {
    const board = await createBoard(relay, 'doomed');
    const c = connect(relay, board.room, board.token);
    clients.push(c);
    await synced(c);
    const editor = (await invite(relay, board.room, board.token ?? '', 'editor', 'E')).token;
    expect((await api(`/api/rooms/${board.room}`, editor, { method: 'DELETE' })).status).toBe(403);
    const closedCodes: number[] = [];
    c.provider.on('connection-close', (ev) => closedCodes.push(ev?.code ?? 0));
    expect((await api(`/api/rooms/${board.room}`, board.token, { method: 'DELETE' })).status).toBe(
      204,
    );
    await waitFor(() => closedCodes.length > 0, 2000, 'close');
    expect(closedCodes[0]).toBe(CLOSE.boardDeleted);
    expect(await relay.app.storage.hasRoom(board.room)).toBe(false);
    // Its invites died with it.
    expect((await api(`/api/rooms/${board.room}/export`, board.token)).status).toBe(401);
  });

  it('the token never reaches the log line of a socket request', async () => {
    const { redactUrl } = await import('../src/limits/redact.ts');
    expect(redactUrl(`/sync/r?token=${facilitator}&x=1`)).toBe('/sync/r?token=[redacted]&x=1');
  });
});

describe('open access (no secret)', () => {
  it('every board is open to an anonymous facilitator, and invites say auth is off', async () => {
    const open = await startRelay();
    try {
      const { room: r, token } = await createBoard(open);
      expect(token).toBeUndefined();
      const c = connect(open, r);
      await synced(c);
      c.doc.getMap('m').set('k', 1);
      const access = await (await fetch(`${open.http}/api/rooms/${r}/access`)).json();
      expect(access).toEqual({
        auth: 'off',
        role: 'facilitator',
        subject: 'anonymous',
        maxUploadBytes: MAX_IMPORT_BYTES,
      });
      const res = await fetch(`${open.http}/api/rooms/${r}/invites`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'viewer', subject: 'x' }),
      });
      expect(res.status).toBe(409);
      c.destroy();
    } finally {
      await open.close();
      removeDir(open.dataDir);
    }
  });
});
