/**
 * The import routes under the security rules: roles from the policy table, the caller named in the
 * audit log, the board size cap and upload limit, and TheHive pulls limited to listed servers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readTimeline } from '@causeway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditEntry } from '../src/audit/auditStore.ts';
import { requiredRole } from '../src/auth/policy.ts';
import { configFromEnv } from '../src/config.ts';
import {
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

const CSV = 'time,description,phase\n2024-01-01T00:00:00Z,phish opened,compromise\n';
const HIVE_KEY = 'hive-key';
const HIVE_TIMELINE = {
  events: [
    { date: 1_700_000_000_000, kind: 'CaseCreated', entity: 'Case', entityId: '~1', details: {} },
  ],
};

/** A TheHive stand-in that counts the requests it gets (a refused pull must send none). */
async function fakeTheHive(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(HIVE_TIMELINE));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const closeServer = (s: Server) => new Promise((r) => s.close(r));

function post(relay: TestRelay, path: string, body: string, type: string, token?: string) {
  return fetch(`${relay.http}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

const pullBody = (baseUrl: string, preview = true) =>
  JSON.stringify({ baseUrl, apiKey: HIVE_KEY, caseId: '~1', preview });

it('the policy table gives every import route to editors', () => {
  for (const path of ['/import/preview', '/import', '/import/thehive'])
    expect(requiredRole('POST', `/api/rooms/:room${path}`)).toBe('editor');
});

describe('with auth on and a TheHive allow-list', () => {
  let relay: TestRelay;
  let hive: Awaited<ReturnType<typeof fakeTheHive>>;
  let other: Awaited<ReturnType<typeof fakeTheHive>>;
  let room = '';
  let facilitator = '';
  let viewer = '';
  let editor = '';

  beforeAll(async () => {
    hive = await fakeTheHive();
    other = await fakeTheHive();
    relay = await startRelay({ secret: TEST_SECRET, theHiveUrls: [`${hive.url}/`] });
    ({ room, token: facilitator = '' } = await createBoard(relay));
    viewer = (await invite(relay, room, facilitator, 'viewer', 'Vera')).token;
    editor = (await invite(relay, room, facilitator, 'editor', 'Imogen')).token;
  });
  afterAll(async () => {
    await relay.close();
    removeDir(relay.dataDir);
    await closeServer(hive.server);
    await closeServer(other.server);
  });

  it('no token → 401, a viewer → 403, an editor may, on all three routes', async () => {
    const routes: [string, string, string, number][] = [
      ['/import/preview', CSV, 'text/csv', 200],
      ['/import', CSV, 'text/csv', 201],
      ['/import/thehive', pullBody(hive.url), 'application/json', 200],
    ];
    for (const [path, body, type, ok] of routes) {
      const url = `/api/rooms/${room}${path}`;
      const anon = await post(relay, url, body, type);
      expect(anon.status, url).toBe(401);
      expect(await anon.json()).toMatchObject({ error: 'unauthorized' });
      const asViewer = await post(relay, url, body, type, viewer);
      expect(asViewer.status, url).toBe(403);
      expect(await asViewer.json()).toMatchObject({ error: 'forbidden' });
      expect((await post(relay, url, body, type, editor)).status, url).toBe(ok);
    }
    // Refused callers never made the relay call TheHive: one hit, the editor's.
    expect(hive.hits).toHaveLength(1);
  });

  it('pulls only from a listed server: another host or path is refused before any request', async () => {
    const url = `/api/rooms/${room}/import/thehive`;
    for (const base of [other.url, `${hive.url}/elsewhere`, 'http://169.254.169.254']) {
      const res = await post(relay, url, pullBody(base), 'application/json', editor);
      expect(res.status, base).toBe(403);
      expect(await res.json()).toMatchObject({
        error: 'thehive-url-not-allowed',
        message: expect.stringContaining('CAUSEWAY_THEHIVE_URLS'),
      });
    }
    expect(other.hits).toEqual([]);
    const scheme = await post(
      relay,
      url,
      pullBody('file:///etc/passwd'),
      'application/json',
      editor,
    );
    expect(scheme.status).toBe(400);
    expect(await scheme.json()).toMatchObject({ error: 'invalid-body' });
  });

  it('writes through the live room: stored before 201, relayed, audited under the caller', async () => {
    const { room: board, token: owner = '' } = await createBoard(relay, 'Audited');
    const token = (await invite(relay, board, owner, 'editor', 'Ines')).token;
    const watcher = connect(relay, board, owner);
    await synced(watcher);
    const res = await post(relay, `/api/rooms/${board}/import`, CSV, 'text/csv', token);
    expect(res.status).toBe(201);
    // Persist-before-relay: by the time the 201 is sent the update is in storage.
    const stored = new Y.Doc();
    for (const u of (await relay.app.storage.loadLog(board)).updates) Y.applyUpdate(stored, u);
    expect(readTimeline(stored).map((e) => e.description)).toEqual(['phish opened']);
    await waitFor(() => readTimeline(watcher.doc).length === 1, 3000, 'relayed import');
    watcher.destroy();
    const audit = (await (
      await fetch(`${relay.http}/api/rooms/${board}/audit`, {
        headers: { authorization: `Bearer ${owner}` },
      })
    ).json()) as AuditEntry[];
    expect(audit[0]).toMatchObject({
      subject: 'Ines',
      role: 'editor',
      action: 'import',
      areas: ['timeline'],
    });
  });
});

describe('with auth on and no allow-list', () => {
  it('refuses every TheHive pull, and contacts nothing', async () => {
    const hive = await fakeTheHive();
    const relay = await startRelay({ secret: TEST_SECRET });
    try {
      const { room, token = '' } = await createBoard(relay);
      const res = await post(
        relay,
        `/api/rooms/${room}/import/thehive`,
        pullBody(hive.url),
        'application/json',
        token,
      );
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'thehive-url-not-allowed' });
      expect(hive.hits).toEqual([]);
    } finally {
      await relay.close();
      removeDir(relay.dataDir);
      await closeServer(hive.server);
    }
  });
});

describe('size limits', () => {
  let relay: TestRelay;
  let room = '';
  beforeAll(async () => {
    relay = await startRelay({ maxBoardBytes: 6_000, maxUploadBytes: 64 * 1024 });
    ({ room } = await createBoard(relay));
  });
  afterAll(async () => {
    await relay.close();
    removeDir(relay.dataDir);
  });

  const rows = (n: number, tag: string) =>
    `time,description,phase\n${Array.from(
      { length: n },
      (_, i) => `2024-01-01T00:${String(i % 60).padStart(2, '0')}:00Z,${tag} event ${i},detection`,
    ).join('\n')}\n`;

  it('an import that would pass the board size cap → 413 board-too-large, nothing written', async () => {
    const before = (await relay.app.storage.loadLog(room)).updates.length;
    const res = await post(relay, `/api/rooms/${room}/import`, rows(200, 'big'), 'text/csv');
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: 'board-too-large',
      message:
        'the import would make the board larger than its 5.9 KiB limit (CAUSEWAY_MAX_BOARD_BYTES)',
    });
    expect((await relay.app.storage.loadLog(room)).updates.length).toBe(before);
    const small = await post(relay, `/api/rooms/${room}/import`, rows(3, 'small'), 'text/csv');
    expect(small.status).toBe(201);
    expect(await small.json()).toMatchObject({ added: 3 });
  });

  it('the older /timeline route is held to the same cap', async () => {
    const res = await post(relay, `/api/rooms/${room}/timeline`, rows(200, 'old'), 'text/csv');
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'board-too-large' });
  });

  it('a file over the upload limit → 413 body-too-large on preview and import', async () => {
    const big = rows(2_000, 'padding');
    expect(big.length).toBeGreaterThan(64 * 1024);
    for (const path of ['/import/preview', '/import']) {
      const res = await post(relay, `/api/rooms/${room}${path}`, big, 'text/csv');
      expect(res.status, path).toBe(413);
      expect(await res.json()).toMatchObject({
        error: 'body-too-large',
        message: expect.stringMatching(/^the file is .* larger than the 64 KiB this relay takes/),
      });
    }
  });

  it('tells the web app the upload limit, and keeps other REST bodies at 1 MiB', async () => {
    const access = await fetch(`${relay.http}/api/rooms/${room}/access`);
    expect(await access.json()).toMatchObject({ maxUploadBytes: 64 * 1024 });
    const res = await post(
      relay,
      '/api/rooms',
      JSON.stringify({ title: 'x'.repeat(2 ** 21) }),
      'application/json',
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: 'body-too-large',
      message: 'the request body is larger than the 1 MiB this route takes',
    });
  });
});

describe('default upload limit', () => {
  let relay: TestRelay;
  let room = '';
  beforeAll(async () => {
    relay = await startRelay();
    ({ room } = await createBoard(relay));
  });
  afterAll(async () => {
    await relay.close();
    removeDir(relay.dataDir);
  });

  it('takes an Elastic NDJSON file larger than the old 16 MiB', async () => {
    // 1,000 ECS documents of ~18 KB each (long event.original), 17.6 MiB in all.
    const ndjson = Array.from({ length: 1_000 }, (_, i) =>
      JSON.stringify({
        _id: `doc${i}`,
        _source: {
          '@timestamp': new Date(Date.UTC(2024, 1, 1) + i * 1000).toISOString(),
          event: { action: 'logon-failed', original: 'x'.repeat(18_000) },
          message: `failed logon ${i}`,
        },
      }),
    ).join('\n');
    expect(ndjson.length).toBeGreaterThan(16 * 1024 * 1024);
    const res = await post(
      relay,
      `/api/rooms/${room}/import/preview`,
      ndjson,
      'application/x-ndjson',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ format: 'elastic', parsed: 1_000, refusedCount: 0 });
  });

  it('refuses binary input as not a text file, on preview and on import', async () => {
    const bytes = new Uint8Array(20_000).map((_, i) => (i * 7919 + 13) % 256);
    const binary = new TextDecoder().decode(bytes);
    const preview = await post(relay, `/api/rooms/${room}/import/preview`, binary, 'text/plain');
    expect(await preview.json()).toMatchObject({
      refusedCount: 1,
      refused: [
        { row: 0, reason: expect.stringMatching(/^this is not a text \(CSV\/JSON\) file/) },
      ],
    });
    const commit = await post(relay, `/api/rooms/${room}/import`, binary, 'text/plain');
    expect(commit.status).toBe(400);
    expect(await commit.json()).toMatchObject({
      error: 'invalid-rows',
      // The whole file was refused, and the message says so and why (not "1 row(s)").
      message: expect.stringMatching(
        /^the file was refused: this is not a text \(CSV\/JSON\) file.*; nothing was imported$/,
      ),
      rows: [{ row: 0, reason: expect.stringContaining('not a text (CSV/JSON) file') }],
    });
  });
});

describe('CAUSEWAY_THEHIVE_URLS', () => {
  it('is read as a comma-separated list, and a bad entry stops the relay at start-up', () => {
    const env = { CAUSEWAY_THEHIVE_URLS: 'https://hive.example/thehive , http://10.0.0.5:9000' };
    expect(configFromEnv(env).theHiveUrls).toEqual([
      'https://hive.example/thehive',
      'http://10.0.0.5:9000',
    ]);
    expect(configFromEnv({}).theHiveUrls).toEqual([]);
    expect(() => configFromEnv({ CAUSEWAY_THEHIVE_URLS: 'ftp://hive' })).toThrow(/http/);
  });
});
