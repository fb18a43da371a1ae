/**
 * 50,000-row imports through the real UI, per format: time to the preview (file read and parsed in
 * the Web Worker), the longest main-thread stall while it parsed (the page must stay responsive),
 * and time from "Import" to the events on the board. Needs `pnpm --filter @causeway/web build`.
 * Run: `pnpm tsx bench/import-browser.ts [rows] [format...]`. Figures only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_FORMATS, type ImportFormat } from '../packages/core/src/index.ts';
import { generateFile } from '../packages/core/src/testing/generate.ts';
import { launchBrowser } from '../test/e2e/browser.ts';
import { startWebRelay } from '../test/e2e/relay.ts';

const rows = Number(process.argv[2] ?? 50_000);
const formats = (
  process.argv.slice(3).length > 0 ? process.argv.slice(3) : IMPORT_FORMATS
) as ImportFormat[];
const dir = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
const relay = await startWebRelay();
const browser = await launchBrowser();

// Records the longest gap between animation frames: a long gap is a frozen page.
const WATCH = `(() => {
  window.__maxGap = 0; let last = performance.now();
  const tick = (t) => { window.__maxGap = Math.max(window.__maxGap, t - last); last = t; window.__raf = requestAnimationFrame(tick); };
  window.__raf = requestAnimationFrame(tick);
})()`;
const maxGap = `(() => { cancelAnimationFrame(window.__raf); return Math.round(window.__maxGap); })()`;

console.log(`${rows.toLocaleString('en')} rows per format, Chromium headless, 1440x900\n`);
console.log('format       preview  max stall   import  max stall');
try {
  for (const format of formats) {
    const file = join(dir, `${format}.txt`);
    writeFileSync(file, generateFile(format, rows));
    const res = await fetch(`${relay.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `bench ${format}`, incidentId: '', severity: 'SEV3' }),
    });
    const { room } = (await res.json()) as { room: string };
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${relay.url}/r/${room}`);
    await page.getByTestId('timeline').waitFor();
    await page.evaluate(WATCH);
    let t = Date.now();
    await page.getByTestId('import-file').setInputFiles(file);
    const dialog = page.getByTestId('import-dialog');
    if (format === 'generic') await dialog.getByTestId('import-zone').selectOption('UTC');
    const want = `Ready to add ${rows.toLocaleString('en')} events to the timeline.`;
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="import-headline"]')?.textContent === text,
      want,
      { timeout: 120_000, polling: 50 },
    );
    const previewMs = Date.now() - t;
    const previewStall = await page.evaluate(maxGap);
    await page.evaluate(WATCH);
    t = Date.now();
    await dialog.getByTestId('import-confirm').click();
    await page.waitForFunction(
      // The count is shown with thousands separators ("50,000").
      (n) => document.querySelector('#timeline-h .count')?.textContent?.replace(/\D/g, '') === n,
      String(rows),
      { timeout: 300_000, polling: 100 },
    );
    const importMs = Date.now() - t;
    const importStall = await page.evaluate(maxGap);
    console.log(
      `${format.padEnd(12)} ${`${previewMs} ms`.padStart(8)} ${`${previewStall} ms`.padStart(10)} ${`${importMs} ms`.padStart(8)} ${`${importStall} ms`.padStart(10)}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await relay.close();
}
