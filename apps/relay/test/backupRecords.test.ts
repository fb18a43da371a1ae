/** An uploaded backup's invites and audit entries are checked before they reach a store. */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { BACKUP_FORMAT, parseBackup } from '../src/backup/bundle.ts';
import { removeDir, startRelay } from './helpers.ts';

const goodInvite = {
  id: 'inv_a',
  room: 'r1',
  role: 'editor',
  subject: 'Eve',
  expiresAt: 1_900_000_000,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'Fran',
  revokedAt: null,
};
const goodEntry = {
  seq: 7,
  at: '2026-01-01T00:00:00.000Z',
  subject: 'Eve',
  role: 'editor',
  clients: [1],
  bytes: 10,
  areas: ['meta'],
  action: 'edit',
};
const backupOf = (invites: unknown[], audit: unknown[]) => ({
  format: BACKUP_FORMAT,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  boards: [
    {
      room: 'r1',
      state: Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64'),
      snapshots: [],
      invites,
      audit,
    },
  ],
});

it('accepts well-formed invites and audit entries', () => {
  expect(parseBackup(backupOf([goodInvite], [goodEntry])).boards).toHaveLength(1);
});

it.each([
  ['an invite with an unknown role', [{ ...goodInvite, role: 'owner' }], []],
  ['an invite without an id', [{ ...goodInvite, id: undefined }], []],
  ['an invite with a text expiry', [{ ...goodInvite, expiresAt: 'soon' }], []],
  ['an audit entry with text bytes', [], [{ ...goodEntry, bytes: 'many' }]],
  ['an audit entry whose clients are not numbers', [], [{ ...goodEntry, clients: ['x'] }]],
  ['an audit entry that is not an object', [], [42]],
])('refuses %s', (_what, invites, audit) => {
  expect(() => parseBackup(backupOf(invites, audit))).toThrow(/board r1 has a malformed/);
});

it('PUT /backup answers 400 with the reason and stores nothing', async () => {
  const relay = await startRelay();
  try {
    const res = await fetch(`${relay.http}/api/rooms/r1/backup`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(backupOf([goodInvite], [{ ...goodEntry, bytes: -1 }])),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid-body',
      message: 'board r1 has a malformed audit entry',
    });
    expect(await relay.app.auth.invites.list('r1')).toEqual([]);
    expect(await relay.app.storage.hasRoom('r1')).toBe(false);
  } finally {
    await relay.close();
    removeDir(relay.dataDir);
  }
});
