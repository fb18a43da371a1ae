/**
 * Runs SQLite's WAL checkpoints on a worker thread. A checkpoint copies the WAL back into the
 * database file and fsyncs both; left to SQLite it runs inside whichever commit crosses the
 * threshold, on the event loop, stalling every socket for milliseconds (the fan-out bench's p99).
 * A PASSIVE checkpoint on another connection runs beside the writer without blocking it. Under
 * steady writes it never quite catches up (frames keep arriving while it copies), so the WAL is
 * never reset and grows: past RESTART_PAGES the thread runs a TRUNCATE checkpoint, which holds
 * writers back only while it copies the few frames the passive ones left and syncs. The relay's
 * own connections keep a far higher automatic threshold only as a backstop.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages the WAL may reach before a relay connection checkpoints by itself (about 64 MB). */
export const BACKSTOP_CHECKPOINT_PAGES = 16_000;
/** WAL pages past which the thread resets the WAL (about 16 MB). */
const RESTART_PAGES = 4_000;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    const [state] = db.pragma('wal_checkpoint(PASSIVE)');
    if (state && state.log > workerData.restartPages) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Busy or closing: the next tick tries again, and the backstop threshold still holds.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<unknown>;

  constructor(file: string, everyMs = 500, restartPages = RESTART_PAGES) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { file, driver, everyMs, restartPages },
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // A checkpointer that fails leaves the backstop; it must not take the relay down.
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  /** Runs a last checkpoint and ends the thread. */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
    await this.worker.terminate();
  }
}
