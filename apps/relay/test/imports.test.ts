/** Import routes: preview, all-or-nothing commit, duplicates, options in the query or an envelope. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTimeline } from '@causeway/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { connect, removeDir, startRelay, synced, tempDir, waitFor } from './helpers.ts';

const formats = (name: string) =>
  readFileSync(new URL(`../../../../shared/fixtures/formats/${name}`, import.meta.url), 'utf8');
const IRIS = formats('iris_timeline_import_sample.csv');
const SERVICENOW = formats('servicenow_incident_table_api_v2.json');
const ENVELOPE = 'application/vnd.causeway.import+json';

describe('import routes', () => {
  let app: FastifyInstance;
  let dataDir: string;

  const post = (url: string, payload: string, contentType: string) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });
  const newRoom = async () => {
    const res = await post(
      '/api/rooms',
      JSON.stringify({ title: 'Imports', incidentId: '', severity: 'SEV2' }),
      'application/json',
    );
    return res.json<{ room: string }>().room;
  };
  const timeline = async (room: string) =>
    (await app.inject(`/api/rooms/${room}/export`)).json<{
      timeline: { id: string; description: string; sourceId?: string }[];
    }>().timeline;

  beforeAll(async () => {
    dataDir = tempDir();
    app = await buildApp({
      dataDir,
      logLevel: 'silent',
      webDist: join(dataDir, 'missing'),
      maxUploadBytes: 1024 * 1024,
    });
  });
  afterAll(async () => {
    await app.close();
    removeDir(dataDir);
  });

  it('previews without writing: counts, zone note, notes and a sample', async () => {
    const room = await newRoom();
    const res = await post(`/api/rooms/${room}/import/preview`, SERVICENOW, 'application/json');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      format: 'servicenow',
      totalRows: 1,
      parsed: 3,
      refused: [],
      refusedCount: 0,
      zoneNote: expect.stringMatching(/read as UTC/),
      notes: expect.arrayContaining([expect.stringMatching(/calendar_stc/)]),
      duplicates: { onBoard: 0, inFile: 0 },
      toAdd: 3,
      sample: [
        expect.objectContaining({ time: '2016-12-12T15:19:57Z', phase: 'detection' }),
        expect.anything(),
        expect.anything(),
      ],
    });
    expect(await timeline(room)).toEqual([]);
  });

  it('imports once; the same file again adds nothing and the preview says they are on the board', async () => {
    const room = await newRoom();
    const first = await post(`/api/rooms/${room}/import`, IRIS, 'text/csv');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      added: 2,
      duplicates: { onBoard: 0, inFile: 0 },
      format: 'iris',
    });
    const preview = await post(`/api/rooms/${room}/import/preview`, IRIS, 'text/csv');
    expect(preview.json()).toMatchObject({ parsed: 2, toAdd: 0, duplicates: { onBoard: 2 } });
    const again = await post(`/api/rooms/${room}/import`, IRIS, 'text/csv');
    expect(again.json()).toMatchObject({ added: 0, lastEventId: null, duplicates: { onBoard: 2 } });
    const ids = (await timeline(room)).map((e) => e.id);
    expect(ids).toHaveLength(2);
    // The page waits for the last written event before it says the import landed.
    expect(ids).toContain(first.json<{ lastEventId: string }>().lastEventId);
  });

  it('two imports of the same file at once add each event once', async () => {
    const room = await newRoom();
    const [a, b] = await Promise.all([
      post(`/api/rooms/${room}/import`, SERVICENOW, 'application/json'),
      post(`/api/rooms/${room}/import`, SERVICENOW, 'application/json'),
    ]);
    const added = [a.json<{ added: number }>().added, b.json<{ added: number }>().added].sort();
    expect(added).toEqual([0, 3]);
    expect(await timeline(room)).toHaveLength(3);
  });

  it('takes format, zone and mapping in the query or in a JSON envelope', async () => {
    const room = await newRoom();
    const csv = 'When,What\n2024-03-31 01:30:00,Mail opened\n';
    const mapping = encodeURIComponent(JSON.stringify({ time: 'When', description: 'What' }));
    const q = await post(
      `/api/rooms/${room}/import/preview?format=generic&zone=Europe/Paris&mapping=${mapping}`,
      csv,
      'text/csv',
    );
    expect(q.json()).toMatchObject({
      format: 'generic',
      sample: [{ time: '2024-03-31T01:30:00+01:00' }],
      columns: ['When', 'What'],
    });
    const envelope = JSON.stringify({
      text: csv,
      format: 'generic',
      zone: 'UTC',
      mapping: { time: 'When', description: 'What' },
    });
    const e = await post(`/api/rooms/${room}/import`, envelope, ENVELOPE);
    expect(e.statusCode).toBe(201);
    expect(e.json()).toMatchObject({ added: 1, zoneNote: '1 zone-less time read as UTC' });
  });

  it('refuses the whole file when any row is refused, listing the rows', async () => {
    const room = await newRoom();
    const csv = 'time,description\n2024-01-01T00:00:00Z,ok\n2024-01-01T00:00:00,no zone\n';
    const res = await post(`/api/rooms/${room}/import`, csv, 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'invalid-rows',
      message: '1 row was refused; nothing was imported',
      rows: [{ row: 2, reason: expect.stringMatching(/no offset/) }],
      refusedCount: 1,
    });
    expect(await timeline(room)).toEqual([]);
  });

  it('answers bad options, unknown rooms, oversized and unsupported bodies with coded errors', async () => {
    const room = await newRoom();
    const cases: [string, string, string, number, string][] = [
      [`/api/rooms/${room}/import?format=excel`, IRIS, 'text/csv', 400, 'invalid-body'],
      [`/api/rooms/${room}/import?mapping=%7Bnot`, IRIS, 'text/csv', 400, 'invalid-body'],
      [`/api/rooms/${room}/import`, '{"format":"iris"}', ENVELOPE, 400, 'invalid-body'],
      [
        `/api/rooms/${room}/import`,
        JSON.stringify({ text: IRIS, mapping: { time: 'x' } }),
        ENVELOPE,
        400,
        'invalid-body',
      ],
      ['/api/rooms/never/import', IRIS, 'text/csv', 404, 'room-not-found'],
      [`/api/rooms/${room}/import`, 'x'.repeat(1024 * 1024 + 1), 'text/csv', 413, 'body-too-large'],
      [`/api/rooms/${room}/import`, IRIS, 'application/pdf', 415, 'unsupported-media-type'],
    ];
    for (const [url, body, type, status, error] of cases) {
      const res = await post(url, body, type);
      expect(res.statusCode, url).toBe(status);
      expect(res.json(), url).toMatchObject({ error, message: expect.any(String) });
    }
  });

  it('keeps the old /timeline route working', async () => {
    const room = await newRoom();
    const res = await post(
      `/api/rooms/${room}/timeline`,
      'time,description,phase\n2024-01-01T00:00:00Z,x,\n',
      'text/csv',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ added: 1 });
  });
});

describe('import into a live room', () => {
  it('a small import (one slice) reaches a connected client as one update', async () => {
    const relay = await startRelay();
    try {
      const created = await fetch(`${relay.http}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Live', incidentId: '', severity: 'SEV3' }),
      });
      const { room } = (await created.json()) as { room: string };
      const client = connect(relay, room);
      await synced(client);
      let updates = 0;
      client.doc.on('update', () => updates++);
      const res = await fetch(`${relay.http}/api/rooms/${room}/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: SERVICENOW,
      });
      expect(res.status).toBe(201);
      await waitFor(() => readTimeline(client.doc).length === 3, 2000, 'imported events');
      expect(updates).toBe(1);
      client.destroy();
    } finally {
      await relay.close();
      removeDir(relay.dataDir);
    }
  });
});
