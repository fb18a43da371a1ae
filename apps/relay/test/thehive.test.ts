/**
 * Pulling a case timeline from TheHive 5, against a local server that answers like TheHive's
 * documented API (OpenAPI v5.7.3: GET /api/v1/case/{caseId}/timeline, Bearer API key,
 * errors as {type, message}).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { removeDir, tempDir } from './helpers.ts';

const API_KEY = 'hive-key-123';
const TIMELINE = {
  events: [
    {
      date: 1_700_000_000_000,
      kind: 'CaseCreated',
      entity: 'Case',
      entityId: '~4104',
      details: { title: 'Case opened' },
    },
    {
      date: 1_700_000_600_000,
      kind: 'TaskCompleted',
      entity: 'Task',
      entityId: '~4200',
      details: { title: 'Isolate host' },
    },
  ],
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Answers like TheHive 5; `seen` records each request's path and Authorization header. */
function fakeTheHive(seen: { url: string; auth: string }[]): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization ?? '' });
    const m = /^(?:\/thehive)?\/api\/v1\/case\/([^/]+)\/timeline$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !m)
      return json(res, 404, { type: 'NotFound', message: 'no route' });
    if (req.headers.authorization !== `Bearer ${API_KEY}`)
      return json(res, 401, { type: 'AuthenticationError', message: 'Authentication failure' });
    const caseId = decodeURIComponent(m[1] ?? '');
    if (caseId === '~slow') {
      const timer = setTimeout(() => json(res, 200, TIMELINE), 3000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (caseId === '~4104') return json(res, 200, TIMELINE);
    if (caseId === '~locked')
      return json(res, 403, {
        type: 'AuthorizationError',
        message: 'Your licence does not allow case.timeline',
      });
    if (caseId === '~html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html>login</html>');
    }
    return json(res, 404, { type: 'NotFoundError', message: `Case ${caseId} not found` });
  });
}

describe('pull from TheHive 5', () => {
  let hive: Server;
  let hiveUrl = '';
  const seen: { url: string; auth: string }[] = [];
  let app: FastifyInstance;
  let dataDir: string;
  let room = '';

  const pull = (body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/rooms/${room}/import/thehive`, payload: body });

  beforeAll(async () => {
    hive = fakeTheHive(seen);
    await new Promise<void>((r) => hive.listen(0, '127.0.0.1', r));
    hiveUrl = `http://127.0.0.1:${(hive.address() as AddressInfo).port}`;
    dataDir = tempDir();
    app = await buildApp({
      dataDir,
      logLevel: 'silent',
      webDist: join(dataDir, 'none'),
      upstreamTimeoutMs: 400,
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/rooms',
      payload: { title: 'Hive', incidentId: '', severity: 'SEV2' },
    });
    room = res.json<{ room: string }>().room;
  });
  afterAll(async () => {
    await app.close();
    hive.closeAllConnections();
    await new Promise((r) => hive.close(r));
    removeDir(dataDir);
  });

  it('previews the case timeline, sending the API key as a Bearer token', async () => {
    const res = await pull({ baseUrl: hiveUrl, apiKey: API_KEY, caseId: '~4104', preview: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      format: 'thehive5',
      parsed: 2,
      toAdd: 2,
      sample: [
        {
          time: '2023-11-14T22:13:20Z',
          description: 'Case opened (Case CaseCreated)',
          source: 'TheHive',
        },
        { time: '2023-11-14T22:23:20Z', description: 'Isolate host (Task TaskCompleted)' },
      ],
    });
    expect(seen.at(-1)).toEqual({ url: '/api/v1/case/~4104/timeline', auth: `Bearer ${API_KEY}` });
  });

  it('imports once, and a second pull adds nothing; a base URL with a path prefix works', async () => {
    const first = await pull({ baseUrl: hiveUrl, apiKey: API_KEY, caseId: '~4104' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ added: 2, duplicates: { onBoard: 0 } });
    const second = await pull({ baseUrl: `${hiveUrl}/thehive/`, apiKey: API_KEY, caseId: '~4104' });
    expect(second.json()).toMatchObject({ added: 0, duplicates: { onBoard: 2 } });
    expect(seen.at(-1)?.url).toBe('/thehive/api/v1/case/~4104/timeline');
  });

  it('401 from TheHive → 400 thehive-auth-failed, without echoing the key', async () => {
    const res = await pull({ baseUrl: hiveUrl, apiKey: 'wrong-key', caseId: '~4104' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'thehive-auth-failed',
      message: `TheHive at ${hiveUrl} refused the API key (401): Authentication failure`,
    });
    expect(res.body).not.toContain('wrong-key');
  });

  it('404 from TheHive → 404 thehive-case-not-found naming the case', async () => {
    const res = await pull({ baseUrl: hiveUrl, apiKey: API_KEY, caseId: '~9999' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'thehive-case-not-found',
      message: `TheHive at ${hiveUrl} has no case ~9999 (404): Case ~9999 not found`,
    });
  });

  it('403 → 400 thehive-auth-failed naming the capability; a non-JSON answer → 502 thehive-bad-answer', async () => {
    const locked = await pull({ baseUrl: hiveUrl, apiKey: API_KEY, caseId: '~locked' });
    expect(locked.statusCode).toBe(400);
    expect(locked.json()).toMatchObject({
      error: 'thehive-auth-failed',
      message: expect.stringContaining('case.timeline capability'),
    });
    const html = await pull({ baseUrl: hiveUrl, apiKey: API_KEY, caseId: '~html' });
    expect(html.statusCode).toBe(502);
    expect(html.json()).toEqual({
      error: 'thehive-bad-answer',
      message: `TheHive at ${hiveUrl} did not answer with JSON`,
    });
  });

  it('a slow TheHive → 504 thehive-timeout after the configured wait, nothing imported', async () => {
    const before = (await app.inject(`/api/rooms/${room}/export`)).json<{ timeline: unknown[] }>()
      .timeline.length;
    const res = await pull({ baseUrl: hiveUrl, apiKey: API_KEY, caseId: '~slow' });
    expect(res.statusCode).toBe(504);
    expect(res.json()).toEqual({
      error: 'thehive-timeout',
      message: `TheHive at ${hiveUrl} did not answer within 0.4 s; nothing was imported`,
    });
    const after = (await app.inject(`/api/rooms/${room}/export`)).json<{ timeline: unknown[] }>()
      .timeline.length;
    expect(after).toBe(before);
  });

  it('an unreachable server → 502 thehive-unreachable; bad URLs and bodies → 400', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = await pull({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: API_KEY,
      caseId: '~4104',
    });
    expect(down.statusCode).toBe(502);
    expect(down.json()).toMatchObject({
      error: 'thehive-unreachable',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
    for (const body of [
      { baseUrl: 'ftp://hive', apiKey: API_KEY, caseId: '~1' },
      { baseUrl: 'not a url', apiKey: API_KEY, caseId: '~1' },
      { baseUrl: `http://user:pw@127.0.0.1:${port}`, apiKey: API_KEY, caseId: '~1' },
      { baseUrl: hiveUrl, caseId: '~1' },
      { baseUrl: hiveUrl, apiKey: '', caseId: '~1' },
    ]) {
      const res = await pull(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-body' });
    }
    const creds = await pull({
      baseUrl: `http://analyst:Sup3rSecret@127.0.0.1:${port}`,
      apiKey: API_KEY,
      caseId: '~1',
    });
    expect(creds.json()).toMatchObject({
      message: expect.stringContaining('must not carry a user name or password'),
    });
    expect(creds.body).not.toContain('Sup3rSecret');
  });
});
