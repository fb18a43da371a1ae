/**
 * Does a large import freeze the pages that are open on the board? One page imports an n-row IRIS
 * CSV through the UI while a second page watches; both record their main-thread long tasks
 * (PerformanceObserver 'longtask') and the longest gap between animation frames from "Import" until
 * they show every event; the relay runs in this process, so its longest event-loop stall is measured
 * too (a relay busy for 20-30 s makes clients drop their sockets). With `--profile`, the peer page is also sampled with the CPU profiler and
 * its busy time split into Y.applyUpdate, our readers (readTimeline, reuseRecords, metrics) and
 * React; run it against an unminified build (`--web <dist>`) so the names survive.
 * Run: `pnpm tsx bench/import-freeze.ts [rows] [--profile] [--web <dist>]`. Figures only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { generateFile } from '../packages/core/src/testing/generate.ts';
import { launchBrowser } from '../test/e2e/browser.ts';
import { startWebRelay } from '../test/e2e/relay.ts';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 50_000);
const profile = args.includes('--profile');
const webAt = args.indexOf('--web');
const webDist = webAt >= 0 ? resolve(String(args[webAt + 1])) : undefined;

const dir = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
const file = join(dir, 'iris.csv');
writeFileSync(file, generateFile('iris', rows));
const relay = await startWebRelay(webDist ? { webDist } : {});
const browser = await launchBrowser();

// Long tasks and the longest gap between frames, from now until `__stop()`.
const WATCH = `(() => {
  window.__tasks = []; window.__maxGap = 0; let last = performance.now();
  window.__obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(e.duration), (window.__at ??= []).push([Math.round(e.startTime), Math.round(e.duration)]); });
  window.__obs.observe({ type: 'longtask' });
  const tick = (t) => { window.__maxGap = Math.max(window.__maxGap, t - last); last = t; window.__raf = requestAnimationFrame(tick); };
  window.__raf = requestAnimationFrame(tick);
})()`;
const STOP = `(() => {
  cancelAnimationFrame(window.__raf); window.__obs.disconnect();
  const t = window.__tasks;
  return { longest: Math.round(Math.max(0, ...t)), count: t.length, busy: Math.round(t.reduce((a, b) => a + b, 0)), maxGap: Math.round(window.__maxGap), at: window.__at ?? [] };
})()`;

interface Watch {
  readonly longest: number;
  readonly count: number;
  readonly busy: number;
  readonly maxGap: number;
  /** [start, duration] of each long task, ms since the page loaded. */
  readonly at: readonly [number, number][];
}

const countIs = (page: Page, n: number) =>
  page.waitForFunction(
    // The count is shown with thousands separators ("50,000").
    (want) =>
      document.querySelector('#timeline-h .count')?.textContent?.replace(/\D/g, '') === want,
    String(n),
    { timeout: 600_000, polling: 50 },
  );

/** Self time of the peer's samples, attributed to the first known frame from the leaf up. */
const BUCKETS: readonly [string, RegExp][] = [
  ['readTimeline', /^readTimeline$|^readEvent$/],
  ['reuseRecords', /^reuseRecords$|^sameRecord$|^sameValue$/],
  ['computeMetrics', /^computeMetrics$/],
  ['Y.applyUpdate', /^applyUpdate(V2)?$|^readUpdateV2$|^integrateStructs$|^transact$/],
  ['React', /^performWorkOnRoot$|^commitRoot|^renderRootSync$|^workLoopSync$/],
];

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string };
  children?: number[];
}

function splitProfile(p: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (const n of p.nodes)
    for (const c of n.children ?? []) (byId.get(c) as ProfileNode).parent = n.id;
  const totals = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const leaf = byId.get(id);
    let bucket = leaf?.callFrame.functionName === '(idle)' ? 'idle' : 'other';
    for (let n = leaf; n && bucket === 'other'; n = n.parent ? byId.get(n.parent) : undefined)
      for (const [name, re] of BUCKETS) if (re.test(n.callFrame.functionName)) bucket = name;
    if (leaf?.callFrame.functionName === '(garbage collector)') bucket = 'GC';
    totals.set(bucket, (totals.get(bucket) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  totals.delete('idle');
  return [...totals].sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${Math.round(ms)} ms`);
}

try {
  const res = await fetch(`${relay.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'bench import', incidentId: '', severity: 'SEV3' }),
  });
  const { room } = (await res.json()) as { room: string };
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${relay.url}/r/${room}`);
    await page.getByTestId('timeline').waitFor();
    return page;
  };
  const importer = await open();
  const peer = await open();
  await importer.getByTestId('import-file').setInputFiles(file);
  const dialog = importer.getByTestId('import-dialog');
  await importer.waitForFunction(
    (text) => document.querySelector('[data-testid="import-headline"]')?.textContent === text,
    `Ready to add ${rows.toLocaleString('en')} events to the timeline.`,
    { timeout: 120_000, polling: 50 },
  );
  const cdp = profile ? await peer.context().newCDPSession(peer) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  await importer.evaluate(WATCH);
  await peer.evaluate(WATCH);
  const relayLoop = monitorEventLoopDelay({ resolution: 10 });
  relayLoop.enable();
  const t = Date.now();
  await dialog.getByTestId('import-confirm').click();
  const [importerMs, peerMs] = await Promise.all(
    [importer, peer].map((p) => countIs(p, rows).then(() => Date.now() - t)),
  );
  relayLoop.disable();
  const [a, b] = (await Promise.all([importer.evaluate(STOP), peer.evaluate(STOP)])) as Watch[];
  console.log(`${rows.toLocaleString('en')} IRIS rows, Chromium headless, 1440x900, two pages\n`);
  console.log('page       to full count  longest task  long tasks  long-task total  max frame gap');
  for (const [name, ms, w] of [
    ['importer', importerMs, a],
    ['peer', peerMs, b],
  ] as const) {
    const cols = [
      `${ms} ms`,
      `${w?.longest} ms`,
      String(w?.count),
      `${w?.busy} ms`,
      `${w?.maxGap} ms`,
    ];
    const widths = [14, 13, 11, 16, 14];
    console.log(`${name.padEnd(10)}${cols.map((c, i) => c.padStart(widths[i] ?? 0)).join(' ')}`);
  }
  console.log(`relay: longest event-loop stall ${Math.round(relayLoop.max / 1e6)} ms`);
  if (cdp) {
    const { profile: p } = await cdp.send('Profiler.stop');
    console.log(`\npeer CPU by bucket: ${splitProfile(p as never).join(', ')}`);
    console.log(`peer long tasks [start, ms]: ${JSON.stringify(b?.at)}`);
  }
} finally {
  await browser.close();
  await relay.close();
}
