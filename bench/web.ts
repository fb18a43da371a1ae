/** The web app in Chromium on a big board: first render, frame times under remote edits, bundle. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readTimeline, updateEvent } from '@causeway/core';
import { chromium } from 'playwright-core';
import * as Y from 'yjs';
import { boardDoc } from './boards.ts';
import { BenchClient } from './client.ts';
import { RelayProc } from './proc.ts';
import { seed } from './scenarios.ts';
import { Histogram, round, sleep } from './stats.ts';

const WEB_DIST = fileURLToPath(new URL('../apps/web/dist', import.meta.url));

export interface WebResult {
  events: number;
  causes: number;
  firstRenderMs: number;
  editsStreamed: number;
  frameP50Ms: number;
  frameP95Ms: number;
  frameMaxMs: number;
  longFrames: number;
  bundleJsKb: number;
  bundleJsGzipKb: number;
}

function bundleSize(): { raw: number; gz: number } {
  const assets = join(WEB_DIST, 'assets');
  let raw = 0;
  let gz = 0;
  for (const f of readdirSync(assets)) {
    if (!f.endsWith('.js')) continue;
    const b = readFileSync(join(assets, f));
    raw += b.length;
    gz += gzipSync(b).length;
  }
  return { raw, gz };
}

export async function webBench(
  nEvents: number,
  nCauses: number,
  editRate: number,
): Promise<WebResult> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    const built = spawnSync('pnpm', ['--filter', '@causeway/web', 'build'], { stdio: 'ignore' });
    if (built.status !== 0) throw new Error('web build failed');
  }
  const r = await RelayProc.start('causeway', { CAUSEWAY_WEB_DIST: WEB_DIST });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const room = `web-${Date.now()}`;
    const board = boardDoc(nEvents, nCauses);
    const seeder = await seed(r, room, Y.encodeStateAsUpdate(board));
    seeder.close();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const start = performance.now();
    await page.goto(`http://127.0.0.1:${r.port}/r/${room}`);
    await page.locator('[data-testid=event-row]').first().waitFor({ timeout: 60_000 });
    const firstRenderMs = performance.now() - start;

    // A remote peer with the full board edits event descriptions at `editRate` per second.
    const peer = new BenchClient('causeway', r.url(room), room);
    const doc = new Y.Doc();
    peer.onUpdate = (u) => Y.applyUpdate(doc, u, 'remote');
    await peer.synced;
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') peer.sendUpdate(u);
    });
    const ids = readTimeline(doc).map((e) => e.id);
    // A string, not a function: the bundler's helpers (e.g. __name) do not exist in the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      let last = performance.now();
      const loop = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
    })()`);
    const seconds = 5;
    let edits = 0;
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      const id = ids[(edits * 37) % ids.length];
      if (id) updateEvent(doc, id, { description: `edited ${edits}` });
      edits++;
      await sleep(1000 / editRate);
    }
    const frames = await page.evaluate(
      () => (window as unknown as { __frames: number[] }).__frames,
    );
    peer.close();
    const h = new Histogram();
    for (const f of frames.slice(1)) h.add(f);
    const size = bundleSize();
    return {
      events: nEvents,
      causes: nCauses,
      firstRenderMs: round(firstRenderMs),
      editsStreamed: edits,
      frameP50Ms: round(h.quantile(0.5)),
      frameP95Ms: round(h.quantile(0.95)),
      frameMaxMs: round(Math.max(...frames.slice(1))),
      longFrames: frames.filter((f) => f > 50).length,
      bundleJsKb: round(size.raw / 1024, 1),
      bundleJsGzipKb: round(size.gz / 1024, 1),
    };
  } finally {
    await browser.close();
    await r.stop();
  }
}
