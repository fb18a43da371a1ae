/** The audit store buffers entries and writes them in batches; reads always see every entry. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewAuditEntry } from '../src/audit/auditStore.ts';
import { FLUSH_MS, SqliteAuditStore } from '../src/audit/sqliteAudit.ts';
import { openSecurityDb } from '../src/auth/securityDb.ts';
import { sqliteFile } from '../src/storage/sqlite.ts';
import { removeDir, tempDir, waitFor } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

const entry = (subject: string): NewAuditEntry => ({
  at: new Date().toISOString(),
  subject,
  role: 'editor',
  clients: [1],
  bytes: 10,
  areas: ['timeline'],
  action: 'edit',
});

/** Rows on disk, read through a connection of its own. */
const rowsOnDisk = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('AuditStore batching', () => {
  it('shows an entry to readers at once and writes the batch within FLUSH_MS', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = sqliteFile(dir);
    const db = openSecurityDb(file);
    const store = new SqliteAuditStore(db);
    for (let i = 0; i < 5; i++) store.add('r', entry(`s${i}`));
    expect(rowsOnDisk(file)).toBe(0);
    // Written by the timer alone: no read, flush or close asked for it.
    await waitFor(() => rowsOnDisk(file) === 5);
    store.add('r', entry('late'));
    expect((await store.list('r', 10)).map((e) => e.subject)).toEqual([
      'late',
      's4',
      's3',
      's2',
      's1',
      's0',
    ]);
    db.close();
  });

  it('writes what is buffered on flush, before the file closes', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = sqliteFile(dir);
    const db = openSecurityDb(file);
    const store = new SqliteAuditStore(db);
    store.add('r', entry('a'));
    store.add('other', entry('b'));
    store.flush();
    db.close();
    expect(rowsOnDisk(file)).toBe(2);
  });

  it('deleting a board also drops its buffered entries', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openSecurityDb(sqliteFile(dir));
    const store = new SqliteAuditStore(db);
    store.add('r', entry('a'));
    store.add('keep', entry('b'));
    store.deleteRoom('r');
    expect(await store.list('r', 10)).toEqual([]);
    expect(await store.list('keep', 10)).toHaveLength(1);
    db.close();
  });
});
