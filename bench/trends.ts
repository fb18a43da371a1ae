/**
 * `GET /api/metrics` over stored boards: the first call, then calls with no board changed (the
 * cached path), then one after a board changed. Run: `pnpm tsx bench/trends.ts [boards] [events]`.
 * Figures only; no test asserts a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addEvents, initBoard } from '@causeway/core';
import * as Y from 'yjs';
import { buildApp } from '../apps/relay/src/app.ts';
import { events } from './boards.ts';

const boards = Number(process.argv[2] ?? 40);
const perBoard = Number(process.argv[3] ?? 5_000);
const dir = mkdtempSync(join(tmpdir(), 'causeway-trends-'));
const app = await buildApp({ dataDir: dir, logLevel: 'silent', webDist: join(dir, 'none') });
try {
  for (let b = 0; b < boards; b++) {
    const doc = new Y.Doc();
    initBoard(doc, { title: `board ${b}` });
    addEvents(doc, events(perBoard));
    await app.storage.appendUpdate(`room_bench${b}`, Y.encodeStateAsUpdate(doc));
  }
  const time = async () => {
    const t = performance.now();
    const res = await app.inject('/api/metrics');
    if (res.statusCode !== 200) throw new Error(res.body);
    return Math.round(performance.now() - t);
  };
  const first = await time();
  const cached = [await time(), await time(), await time()].sort((a, b) => a - b)[1];
  const doc = new Y.Doc();
  addEvents(doc, events(1));
  await app.storage.appendUpdate('room_bench0', Y.encodeStateAsUpdate(doc));
  const oneChanged = await time();
  console.log(
    `${boards} boards × ${perBoard.toLocaleString('en')} events: first ${first} ms, unchanged ${cached} ms (median of 3), one board changed ${oneChanged} ms`,
  );
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
