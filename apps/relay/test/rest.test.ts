/** REST routes through app.inject, plus import into a live room with a connected provider. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTimeline } from '@causeway/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULTS } from '../src/config.ts';
import { connect, removeDir, startRelay, synced, tempDir, waitFor } from './helpers.ts';

const CSV = [
  'time,description,phase,source,actor',
  '2024-05-01T09:00:00Z,Phishing mail opened,compromise,mail gateway,alice',
  '2024-05-01T10:30:00Z,EDR alert on laptop,detection,edr,',
  '2024-05-01T11:00:00Z,Laptop isolated,containment,edr,bob',
].join('\n');

const JSON_EVENTS = [
  { time: '2024-05-01T12:00:00+02:00', description: 'Credentials rotated', phase: 'eradication' },
  { time: '2024-05-01T13:00:00+02:00', description: 'Service restored', phase: 'recovery' },
];

const board = {
  title: 'Phish 42',
  incidentId: 'INC-42',
  severity: 'SEV2',
  problem: 'Laptop compromised',
};

describe('REST', () => {
  let app: FastifyInstance;
  let dataDir: string;
  let room: string;

  const post = (url: string, payload: unknown, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  beforeAll(async () => {
    dataDir = tempDir();
    app = await buildApp({ dataDir, logLevel: 'silent', webDist: join(dataDir, 'missing') });
    const res = await post('/api/rooms', board);
    expect(res.statusCode).toBe(201);
    room = res.json<{ room: string }>().room;
  });
  afterAll(async () => {
    await app.close();
    removeDir(dataDir);
  });

  it('GET /healthz and /readyz → 200 {ok:true}; a relay on its own has no Redis to wait for', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, fanout: 'off' });
    }
    expect((await app.inject('/metrics')).body).not.toMatch(/causeway_fanout_connected/);
  });

  it('POST /api/rooms creates a board whose meta GET returns', async () => {
    expect(room).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const res = await app.inject(`/api/rooms/${room}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ room, ...board, rootCause: '' });
    expect(Date.parse(res.json<{ createdAt: string }>().createdAt)).not.toBeNaN();
  });

  it('POST /api/rooms refuses bad bodies with 400 invalid-body', async () => {
    for (const bad of [
      { ...board, severity: 'SEV9' },
      { incidentId: 'x', severity: 'SEV1' },
      { ...board, title: '' },
    ]) {
      const res = await post('/api/rooms', bad);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-body' });
      expect(res.json<{ message: string }>().message).toBeTruthy();
    }
  });

  it('404 for rooms never stored, 400 for bad room ids, JSON 404 for unknown routes', async () => {
    for (const url of ['/api/rooms/nope', '/api/rooms/nope/export', '/api/rooms/nope/snapshots']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'room-not-found' });
    }
    const imp = await post('/api/rooms/nope/timeline', CSV, 'text/csv');
    expect(imp.statusCode).toBe(404);
    for (const url of [
      '/api/rooms/bad.id',
      `/api/rooms/${'x'.repeat(65)}/export`,
      `/api/rooms/${'x'.repeat(500)}/export`,
      '/api/rooms/a%20b/snapshots',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-room-id' });
    }
    const res = await app.inject('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not-found' });
  });

  it('bad CSV → 400 invalid-rows with per-row reasons, and nothing is added', async () => {
    const bad =
      'time,description,phase\nnot a time,x,detection\n2024-05-01T10:00:00Z,ok,not-a-phase\n';
    const res = await post(`/api/rooms/${room}/timeline`, bad, 'text/csv');
    expect(res.statusCode).toBe(400);
    const body = res.json<{
      error: string;
      message: string;
      rows: { row: number; reason: string }[];
    }>();
    expect(body.error).toBe('invalid-rows');
    expect(body.message).toBeTruthy();
    expect(body.rows.map((r) => r.row)).toEqual(expect.arrayContaining([1, 2]));
    for (const r of body.rows) expect(r.reason).toBeTruthy();
    const exp = await app.inject(`/api/rooms/${room}/export`);
    expect(exp.json<{ timeline: unknown[] }>().timeline).toHaveLength(0);
  });

  it('bad JSON rows → 400 invalid-rows; a non-array body → 400 invalid-body', async () => {
    const res = await post(`/api/rooms/${room}/timeline`, [{ time: 'x', description: '' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-rows' });
    const obj = await post(`/api/rooms/${room}/timeline`, { time: 'x' });
    expect(obj.statusCode).toBe(400);
    expect(obj.json()).toMatchObject({ error: 'invalid-body' });
  });

  it('oversized upload → 413; unknown media type → 415', async () => {
    const row = '2024-05-01T09:00:00Z,padding,detection,,\n';
    const big = `${CSV}\n${row.repeat(Math.ceil(DEFAULTS.maxUploadBytes / row.length) + 1)}`;
    expect(big.length).toBeGreaterThan(DEFAULTS.maxUploadBytes);
    const res = await post(`/api/rooms/${room}/timeline`, big, 'text/csv');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'body-too-large' });
    const txt = await post(`/api/rooms/${room}/timeline`, CSV, 'text/plain');
    expect(txt.statusCode).toBe(415);
    expect(txt.json()).toMatchObject({ error: 'unsupported-media-type' });
  });

  it('imports CSV and JSON, exports, snapshots', async () => {
    const csv = await post(`/api/rooms/${room}/timeline`, CSV, 'text/csv; charset=utf-8');
    expect(csv.statusCode).toBe(201);
    expect(csv.json()).toEqual({ added: 3 });

    const snap = await post(`/api/rooms/${room}/snapshots`, { label: 'after CSV' });
    expect(snap.statusCode).toBe(201);
    const { id, createdAt } = snap.json<{ id: string; createdAt: string }>();
    expect(Date.parse(createdAt)).not.toBeNaN();

    const json = await post(`/api/rooms/${room}/timeline`, JSON_EVENTS);
    expect(json.statusCode).toBe(201);
    expect(json.json()).toEqual({ added: 2 });

    const exp = await app.inject(`/api/rooms/${room}/export`);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-disposition']).toMatch(/^attachment; filename=".+\.json"$/);
    expect(exp.json()).toMatchObject({ room, schemaVersion: 2, snapshot: null });
    expect(exp.json<{ timeline: unknown[] }>().timeline).toHaveLength(5);

    await new Promise((r) => setTimeout(r, 5));
    const second = await post(`/api/rooms/${room}/snapshots`, { label: 'after JSON' });
    const list = await app.inject(`/api/rooms/${room}/snapshots`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      {
        id: second.json<{ id: string }>().id,
        label: 'after JSON',
        createdAt: second.json<{ createdAt: string }>().createdAt,
      },
      { id, label: 'after CSV', createdAt },
    ]);

    const old = await app.inject(`/api/rooms/${room}/snapshots/${id}/export`);
    expect(old.statusCode).toBe(200);
    expect(old.headers['content-disposition']).toMatch(/^attachment; filename=".+\.json"$/);
    expect(old.json()).toMatchObject({ room, snapshot: { id, label: 'after CSV', createdAt } });
    expect(old.json<{ timeline: unknown[] }>().timeline).toHaveLength(3);
  });

  it('snapshot errors: empty or long label → 400, unknown snapshot → 404', async () => {
    for (const label of ['', 'x'.repeat(201)]) {
      const res = await post(`/api/rooms/${room}/snapshots`, { label });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-body' });
    }
    const res = await app.inject(`/api/rooms/${room}/snapshots/snap_nope/export`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'snapshot-not-found' });
  });

  it('/ answers 503 with build instructions when the web app is not built', async () => {
    for (const url of ['/', '/r/some-room']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('pnpm --filter @causeway/web build');
    }
  });
});

describe('web app', () => {
  it('serves dist at / and index.html for /r/*', async () => {
    const dataDir = tempDir();
    const dist = join(dataDir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Causeway</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const app = await buildApp({ dataDir, logLevel: 'silent', webDist: dist });
    try {
      for (const url of ['/', '/r/room_abc']) {
        const res = await app.inject(url);
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('<title>Causeway</title>');
      }
      expect((await app.inject('/assets/app.js')).body).toBe('console.log(1)');
      expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
    } finally {
      await app.close();
      removeDir(dataDir);
    }
  });
});

describe('import into a live room', () => {
  it('a connected provider sees imported events within 1 s, and they are persisted', async () => {
    const relay = await startRelay();
    const client = connect(relay, 'placeholder');
    client.destroy();
    try {
      const created = await fetch(`${relay.http}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(board),
      });
      const { room } = (await created.json()) as { room: string };
      const a = connect(relay, room);
      await synced(a);
      const started = Date.now();
      const res = await fetch(`${relay.http}/api/rooms/${room}/timeline?zone=Europe/Berlin`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: CSV,
      });
      expect(res.status).toBe(201);
      await waitFor(() => readTimeline(a.doc).length === 3, 1000, 'events on the provider');
      expect(Date.now() - started).toBeLessThan(1000);
      // Persisted: a fresh relay on the same data dir serves them.
      a.destroy();
      await relay.app.rooms.idle();
      await relay.close();
      const again = await startRelay({ dataDir: relay.dataDir });
      try {
        const b = connect(again, room);
        await synced(b);
        expect(readTimeline(b.doc).map((e) => e.description)).toEqual([
          'Phishing mail opened',
          'EDR alert on laptop',
          'Laptop isolated',
        ]);
        b.destroy();
      } finally {
        await again.close();
      }
    } finally {
      removeDir(relay.dataDir);
    }
  });
});

describe('backup upload cap', () => {
  it('a board backup larger than three times the board cap → 413 before it is parsed', async () => {
    const dir = tempDir();
    const small = await buildApp({
      dataDir: dir,
      logLevel: 'silent',
      webDist: join(dir, 'missing'),
      maxBoardBytes: 100 * 1024,
    });
    try {
      const created = await small.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(board),
      });
      const { room: r } = created.json<{ room: string }>();
      const res = await small.inject({
        method: 'PUT',
        url: `/api/rooms/${r}/backup`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ padding: 'x'.repeat(400 * 1024) }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: 'body-too-large' });
    } finally {
      await small.close();
      removeDir(dir);
    }
  });
});
