/** WAL checkpoints on a worker thread: the relay's connections never run them inline. */
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from '../src/storage/checkpointer.ts';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import { removeDir, tempDir, waitFor } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

const walBytes = (file: string) => statSync(`${file}-wal`).size;

describe('Checkpointer', () => {
  it('copies the WAL back and resets it once it passes the restart threshold', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = sqliteFile(dir);
    const storage = new SqliteStorage(file, { checkpointsElsewhere: true });
    // 200 rows of 4 KiB: far past 20 pages, far below the relay connection's own threshold.
    for (let i = 0; i < 200; i++) await storage.appendUpdate('r', new Uint8Array(4096).fill(i));
    const grown = walBytes(file);
    expect(grown).toBeGreaterThan(200 * 4096);
    const checkpointer = new Checkpointer(file, 20, 20);
    try {
      await waitFor(() => walBytes(file) < grown / 10);
      // Nothing lost: every row is still there, now in the database file.
      expect((await storage.loadLog('r')).updates).toHaveLength(200);
    } finally {
      await checkpointer.stop();
      await storage.close();
    }
  });
});
