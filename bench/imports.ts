/**
 * 50,000-row import timings in Node, per format: preview (parse + checks), commit into a Y.Doc in
 * one transaction, and the size of that one update. Run: `pnpm tsx bench/imports.ts [rows]`.
 * Figures only; no test asserts a time.
 */

import * as Y from 'yjs';
import {
  commitImport,
  IMPORT_FORMATS,
  initBoard,
  previewImport,
} from '../packages/core/src/index.ts';
import { generateFile } from '../packages/core/src/testing/generate.ts';
import { median } from './stats.ts';

const rows = Number(process.argv[2] ?? 50_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

console.log(`${rows.toLocaleString('en')} rows per format (median of 3 runs)\n`);
console.log('format       file       preview   commit   update');
for (const format of IMPORT_FORMATS) {
  const text = generateFile(format, rows);
  const options = format === 'generic' ? { zone: 'UTC' } : {};
  const previews: number[] = [];
  const commits: number[] = [];
  let update = 0;
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const preview = previewImport(text, options);
    previews.push(performance.now() - t);
    if (preview.refused.length > 0) throw new Error(`${format}: ${preview.refused[0]?.reason}`);
    const doc = new Y.Doc();
    initBoard(doc, { title: 'bench' });
    t = performance.now();
    const result = commitImport(doc, preview);
    commits.push(performance.now() - t);
    if (!result.ok || result.added !== preview.events.length)
      throw new Error(`${format}: commit failed`);
    update = Y.encodeStateAsUpdate(doc).byteLength;
  }
  console.log(
    `${format.padEnd(12)} ${mb(Buffer.byteLength(text)).padStart(9)} ${`${Math.round(median(previews))} ms`.padStart(9)} ${`${Math.round(median(commits))} ms`.padStart(8)} ${mb(update).padStart(9)}`,
  );
}
