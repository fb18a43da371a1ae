/** Auth's bookkeeping of live invite sockets across relays, and what a failing invite store does. */
import { expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Auth } from '../src/auth/auth.ts';
import type { InviteStore } from '../src/auth/inviteStore.ts';
import { openSecurityDb } from '../src/auth/securityDb.ts';
import { SqliteInviteStore } from '../src/auth/sqliteInvites.ts';
import { CLOSE } from '../src/errors.ts';
import { closed, createBoard, removeDir, startRelay, TEST_SECRET } from './helpers.ts';

const setup = async () => {
  const invites = new SqliteInviteStore(openSecurityDb(':memory:'));
  const announced: string[] = [];
  const auth = new Auth(TEST_SECRET, invites, { announceRevoke: (id) => announced.push(id) });
  const minted = await auth.mint({
    room: 'r1',
    role: 'editor',
    subject: 'Eve',
    ttlSeconds: 3600,
    createdBy: 'Fran',
  });
  if (!minted) throw new Error('auth is on');
  return { auth, invites, announced, minted };
};

it('a revoke ends the local sockets and announces the id to the other relays', async () => {
  const { auth, announced, minted } = await setup();
  const access = await auth.authenticate('r1', minted.token);
  let ended = 0;
  auth.track(access, () => ended++);
  expect(await auth.revoke('r1', minted.id)).toBe(true);
  expect(ended).toBe(1);
  expect(announced).toEqual([minted.id]);
  expect(auth.trackedSockets).toBe(0);
  // Nothing to announce for an invite that was not live.
  expect(await auth.revoke('r1', minted.id)).toBe(false);
  expect(announced).toHaveLength(1);
});

it('a socket tracked just after its invite was revoked elsewhere is ended at once', async () => {
  const { auth, minted } = await setup();
  // The token lookup answered "usable"; the revocation arrives before the socket is tracked.
  const access = await auth.authenticate('r1', minted.token);
  auth.endSockets(minted.id);
  let ended = 0;
  auth.track(access, () => ended++);
  expect(ended).toBe(1);
  expect(auth.trackedSockets).toBe(0);
});

it('re-checking live invites ends those revoked in the shared store and keeps the rest', async () => {
  const { auth, invites, minted } = await setup();
  const other = await auth.mint({
    room: 'r1',
    role: 'viewer',
    subject: 'Vic',
    ttlSeconds: 3600,
    createdBy: 'Fran',
  });
  if (!other) throw new Error('auth is on');
  const ended: string[] = [];
  auth.track(await auth.authenticate('r1', minted.token), () => ended.push('Eve'));
  auth.track(await auth.authenticate('r1', other.token), () => ended.push('Vic'));
  // Revoked by another relay whose announcement never arrived.
  await invites.revoke('r1', minted.id);
  await auth.recheckLive();
  expect(ended).toEqual(['Eve']);
  expect(auth.trackedSockets).toBe(1);
});

it('when the invite store cannot answer, a socket closes 4500 (retry later) and REST answers 500', async () => {
  const relay = await startRelay({ secret: TEST_SECRET });
  try {
    const { room, token } = await createBoard(relay);
    // The shared database going away, as the store sees it.
    const invites = relay.app.auth.invites as { isUsable: InviteStore['isUsable'] };
    invites.isUsable = async () => {
      throw new Error('connection terminated');
    };
    const ws = new WebSocket(`${relay.ws}/${room}?token=${token}`);
    expect(await closed(ws)).toEqual({
      code: CLOSE.roomUnavailable,
      reason: 'could not check the invite; reconnect later',
    });
    const res = await fetch(`${relay.http}/api/rooms/${room}/access`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(500);
    expect(relay.app.rooms.get(room)).toBeUndefined();
  } finally {
    await relay.close();
    removeDir(relay.dataDir);
  }
});
