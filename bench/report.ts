/**
 * Report generation for a board of 50,000 events: `pnpm bench:report`.
 * Times each step separately (median of 5 runs after one warm-up) and the relay's report routes
 * end to end (stored state → doc → export → render), so a slow step is visible on its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { buildApp } from '../apps/relay/src/app.ts';
import {
  actionItemsCsv,
  addActionItem,
  addCause,
  addEvents,
  addWhy,
  buildRcaExport,
  initBoard,
  PHASES,
  reportHtml,
  reportMarkdown,
  timelineCsv,
} from '../packages/core/src/index.ts';

const EVENTS = Number(process.env.EVENTS ?? 50_000);
const RUNS = 5;

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, {
    title: 'Bench',
    incidentId: 'INC-BENCH',
    severity: 'SEV1',
    problem: 'Bench problem',
  });
  const start = Date.parse('2024-01-01T00:00:00Z');
  const events = Array.from({ length: EVENTS }, (_, i) => ({
    time: new Date(start + i * 60_000).toISOString(),
    description: `Event ${i}: process ${i % 97} spawned by | user ${i % 13} with <args> & "quotes"`,
    phase: i % 1000 === 0 ? (PHASES[(i / 1000) % PHASES.length] ?? null) : null,
    source: 'edr',
    actor: `host-${i % 50}`,
  }));
  addEvents(doc, events);
  let parent: string | null = null;
  for (let i = 0; i < 5; i++) parent = addWhy(doc, parent, `Why ${i}`);
  for (let i = 0; i < 30; i++) addCause(doc, 'cat-process', null, `Cause ${i}`);
  for (let i = 0; i < 40; i++) addActionItem(doc, { title: `Action ${i}`, priority: 'high' });
  return doc;
}

function time<T>(fn: () => T): { ms: number; out: T } {
  fn();
  const samples: number[] = [];
  let out = fn();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    out = fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(RUNS / 2)] as number, out };
}

const doc = board();
const rca = time(() => buildRcaExport(doc, { room: 'bench' }));
const md = time(() => reportMarkdown(rca.out));
const html = time(() => reportHtml(rca.out));
const tcsv = time(() => timelineCsv(rca.out));
const acsv = time(() => actionItemsCsv(rca.out));

const dataDir = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
const app = await buildApp({ dataDir, logLevel: 'silent', webDist: join(dataDir, 'none') });
await app.storage.appendUpdate('room_bench', Y.encodeStateAsUpdate(doc));
const inject = async (url: string) => {
  await app.inject(url);
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const res = await app.inject(url);
    samples.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`);
    bytes = res.rawPayload.length;
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(RUNS / 2)] as number, bytes };
};
const routeMd = await inject('/api/rooms/room_bench/report.md');
const routeHtml = await inject('/api/rooms/room_bench/report.html');
// The same routes while someone has the board open: read from the live doc, no decoding.
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
if (addr === null || typeof addr === 'string') throw new Error('no port');
const peer = new Y.Doc();
const provider = new WebsocketProvider(`ws://127.0.0.1:${addr.port}/sync`, 'room_bench', peer, {
  WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  disableBc: true,
});
const syncStart = performance.now();
while (!provider.synced) {
  if (performance.now() - syncStart > 300_000)
    throw new Error('the peer did not sync within 5 min');
  await new Promise((r) => setTimeout(r, 50));
}
const syncMs = performance.now() - syncStart;
const liveMd = await inject('/api/rooms/room_bench/report.md');
const liveHtml = await inject('/api/rooms/room_bench/report.html');
provider.destroy();
provider.awareness.destroy(); // its 15 s renewal interval would keep the finished run alive
await app.close();
rmSync(dataDir, { recursive: true, force: true });

const mb = (s: string | number) =>
  `${((typeof s === 'number' ? s : Buffer.byteLength(s)) / 1e6).toFixed(1)} MB`;
console.log(
  `Report generation, ${EVENTS.toLocaleString('en')} events (median of ${RUNS}, Node ${process.version})`,
);
console.table({
  'RCA export from the doc': { ms: Math.round(rca.ms), size: '' },
  'Markdown report': { ms: Math.round(md.ms), size: mb(md.out) },
  'HTML report': { ms: Math.round(html.ms), size: mb(html.out) },
  'timeline CSV': { ms: Math.round(tcsv.ms), size: mb(tcsv.out) },
  'action items CSV': { ms: Math.round(acsv.ms), size: mb(acsv.out) },
  'GET report.md (board closed: decoded from storage)': {
    ms: Math.round(routeMd.ms),
    size: mb(routeMd.bytes),
  },
  'GET report.html (board closed: decoded from storage)': {
    ms: Math.round(routeHtml.ms),
    size: mb(routeHtml.bytes),
  },
  'GET report.md (board open: live doc)': { ms: Math.round(liveMd.ms), size: mb(liveMd.bytes) },
  'GET report.html (board open: live doc)': {
    ms: Math.round(liveHtml.ms),
    size: mb(liveHtml.bytes),
  },
});
console.log(`(a stock y-websocket peer took ${Math.round(syncMs)} ms to open the board)`);
