/** Join, cold load, many boards and core: one function per scenario, each returning plain data. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import {
  addEvents,
  buildRcaExport,
  computeMetrics,
  parseTimelineCsv,
  readTimeline,
} from '@causeway/core';
import * as Y from 'yjs';
import { SqliteStorage, sqliteFile } from '../apps/relay/src/storage/sqlite.ts';
import { boardDoc, events } from './boards.ts';
import { BenchClient } from './client.ts';
import type { ObserverPool } from './pool.ts';
import { cpuMicros, RelayProc } from './proc.ts';
import { Histogram, mb, round, sharedNow, sleep } from './stats.ts';

/** Sends `state` into `room` and keeps the seeding socket open (in-memory peers drop empty rooms). */
export async function seed(r: RelayProc, room: string, state: Uint8Array): Promise<BenchClient> {
  const seeder = new BenchClient(r.peer, r.url(room), room);
  await seeder.synced;
  seeder.sendUpdate(state);
  // Wait until a fresh client receives (about) the whole board.
  for (;;) {
    const probe = new BenchClient(r.peer, r.url(room), room);
    let size = 0;
    probe.onUpdate = (u) => {
      size = Math.max(size, u.length);
    };
    await probe.synced;
    probe.close();
    if (size >= state.length * 0.5) return seeder;
    await sleep(100);
  }
}

export interface JoinResult {
  clients: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  /** Relay CPU while they joined: near p99 means the relay is the bound. */
  relayCpuMs: number;
}

/**
 * 100 clients join a big board at once: time to synced (the first sync step 2, holding the
 * whole board, on the shared clock), peak relay memory. The joiners are spread over `pool`'s
 * processes: one process receiving 100 copies of the board would be the bound, not the relay.
 */
export async function joinStorm(
  r: RelayProc,
  pool: ObserverPool,
  state: Uint8Array,
  clients: number,
): Promise<JoinResult> {
  const room = `join-${Date.now()}`;
  const seeder = await seed(r, room, state);
  await sleep(200);
  let peak = (await r.stats()).mem.rss;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      peak = Math.max(peak, (await r.stats()).mem.rss);
      await sleep(20);
    }
  })();
  const before = await r.stats();
  const start = sharedNow();
  const synced = await pool.join(r, room, clients);
  const after = await r.stats();
  polling = false;
  await poll;
  seeder.close();
  const h = new Histogram();
  for (const t of synced) h.add(t - start);
  return {
    clients,
    p50: h.quantile(0.5),
    p99: h.quantile(0.99),
    peakRssMb: mb(peak),
    relayCpuMs: round(cpuMicros(before, after) / 1000, 0),
  };
}

/** Writes `n` small updates (one text insert each) as separate log rows. */
async function writeLog(dataDir: string, room: string, n: number): Promise<void> {
  const storage = new SqliteStorage(sqliteFile(dataDir));
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const rows: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => rows.push(u));
  for (let i = 0; i < n; i++) text.insert(text.length, 'x');
  for (const u of rows) await storage.appendUpdate(room, u);
  await storage.close();
}

async function rowCount(dataDir: string, room: string): Promise<number> {
  const storage = new SqliteStorage(sqliteFile(dataDir));
  const n = (await storage.loadLog(room)).updates.length;
  await storage.close();
  return n;
}

/** Time from connect to the first sync answer on a freshly started relay (nothing cached). */
async function coldSync(dataDir: string, room: string): Promise<number> {
  const r = await RelayProc.start('causeway', { CAUSEWAY_DATA: dataDir });
  const start = performance.now();
  const c = new BenchClient('causeway', r.url(room), room);
  const t = (await c.synced) - start;
  c.close();
  await sleep(300);
  await r.stop();
  return t;
}

export interface ColdLoadResult {
  rows: number;
  firstSyncMs: number;
  afterCompactionRows: number;
  afterCompactionFirstSyncMs: number;
  rows10k: number;
  firstSync10kMs: number;
  liveUpdates: number;
  liveMaxRows: number;
}

/**
 * A room whose log holds 100,000 small rows (as an importer or an old relay would leave it):
 * first sync; the same room after the relay compacted it on unload; and the row count while a
 * writer streams updates through a relay (compaction keeps it under compactAfter + 1).
 */
export async function coldLoad(rows: number, liveUpdates: number): Promise<ColdLoadResult> {
  const dir = mkdtempSync(joinPath(tmpdir(), 'causeway-cold-'));
  try {
    await writeLog(dir, 'big', rows);
    await writeLog(dir, 'small', rows / 10);
    const firstSyncMs = await coldSync(dir, 'big');
    const firstSync10kMs = await coldSync(dir, 'small');
    const afterCompactionRows = await rowCount(dir, 'big');
    const afterCompactionFirstSyncMs = await coldSync(dir, 'big');

    const r = await RelayProc.start('causeway', { CAUSEWAY_DATA: dir });
    const w = new BenchClient('causeway', r.url('live'), 'live');
    await w.synced;
    const doc = new Y.Doc();
    let last: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => {
      last = u;
    });
    let maxRows = 0;
    for (let i = 0; i < liveUpdates; i++) {
      doc.getText('t').insert(0, 'y');
      w.sendUpdate(last);
      // A few ms apart so each update is its own batch and its own row.
      if (i % 10 === 9) await sleep(2);
      if (i % 1000 === 999) maxRows = Math.max(maxRows, await rowCount(dir, 'live'));
    }
    await sleep(500);
    maxRows = Math.max(maxRows, await rowCount(dir, 'live'));
    w.close();
    await r.stop();
    return {
      rows,
      firstSyncMs: round(firstSyncMs),
      afterCompactionRows,
      afterCompactionFirstSyncMs: round(afterCompactionFirstSyncMs),
      rows10k: rows / 10,
      firstSync10kMs: round(firstSync10kMs),
      liveUpdates,
      liveMaxRows: maxRows,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ManyBoardsResult {
  boards: number;
  baselineHeapMb: number;
  peakHeapMb: number;
  afterHeapMb: number;
  baselineRssMb: number;
  afterRssMb: number;
  roomsLoadedAfter: number;
  seconds: number;
}

/** Opens, edits and closes `n` boards, `concurrency` at a time; memory before, during, after. */
export async function manyBoards(
  r: RelayProc,
  n: number,
  concurrency: number,
): Promise<ManyBoardsResult> {
  const base = (await r.gc()).mem;
  let peak = base.heapUsed;
  const start = performance.now();
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 'v');
  const update = Y.encodeStateAsUpdate(doc);
  for (let i = 0; i < n; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, n - i) }, (_, k) => {
      const room = `board-${i + k}`;
      return new BenchClient(r.peer, r.url(room), room);
    });
    await Promise.all(batch.map((c) => c.synced));
    for (const c of batch) c.sendUpdate(update);
    if (i % (concurrency * 10) === 0) peak = Math.max(peak, (await r.stats()).mem.heapUsed);
    await sleep(5);
    for (const c of batch) c.close();
  }
  const seconds = (performance.now() - start) / 1000;
  let rooms = -1;
  for (let i = 0; i < 100; i++) {
    rooms = (await r.stats()).rooms ?? -1;
    if (rooms === 0) break;
    await sleep(100);
  }
  const after = (await r.gc()).mem;
  return {
    boards: n,
    baselineHeapMb: mb(base.heapUsed),
    peakHeapMb: mb(peak),
    afterHeapMb: mb(after.heapUsed),
    baselineRssMb: mb(base.rss),
    afterRssMb: mb(after.rss),
    roomsLoadedAfter: rooms,
    seconds: round(seconds, 1),
  };
}

export interface CoreResult {
  events: number;
  importMs: number;
  addToDocMs: number;
  metricsMs: number;
  exportMs: number;
}

/** Core on a 50,000-event timeline: CSV import, into the doc, metrics, RCA export. */
export function coreBench(n: number): CoreResult {
  const csv = [
    'time,description,phase,source,actor',
    ...events(n).map((e) => `${e.time},"${e.description}",${e.phase ?? ''},${e.source},${e.actor}`),
  ].join('\n');
  const t0 = performance.now();
  const parsed = parseTimelineCsv(csv);
  const t1 = performance.now();
  if (!parsed.ok) throw new Error(`import failed: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const doc = boardDoc(0, 0);
  addEvents(doc, parsed.events);
  const t2 = performance.now();
  const metrics = computeMetrics(readTimeline(doc));
  const t3 = performance.now();
  const rca = buildRcaExport(doc, { room: 'bench' });
  const t4 = performance.now();
  if (rca.timeline.length !== n || !metrics) throw new Error('core bench lost events');
  return {
    events: n,
    importMs: round(t1 - t0),
    addToDocMs: round(t2 - t1),
    metricsMs: round(t3 - t2),
    exportMs: round(t4 - t3),
  };
}
