/**
 * The relay's access decisions: with a secret, a board opens only with a valid, unrevoked invite
 * for that board; without one (loopback only, see listenGuard.ts) everyone is an anonymous
 * facilitator. Also remembers which live sockets hold which invite, so revoking one ends them,
 * here and (through the bus) on every other relay.
 */
import type { InviteStore } from './inviteStore.ts';
import { type Access, OPEN_ACCESS, type Role } from './roles.ts';
import { mintToken, TokenError, verifyToken } from './tokens.ts';

/** A refusal: `status` 401 (who are you?) or 403 (not this board). */
export class AccessDenied extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'AccessDenied';
  }
}

export interface MintRequest {
  readonly room: string;
  readonly role: Role;
  readonly subject: string;
  readonly ttlSeconds: number;
  readonly createdBy: string;
}

/** How other relays hear of a revocation (cluster/redis.ts), so they end its sockets too. */
export interface RevocationBus {
  announceRevoke(inviteId: string): void;
}

/**
 * How long a revoked id is remembered locally: a socket whose token lookup answered "usable" just
 * before the revocation committed is tracked only after it, and must still be ended.
 */
const RECENT_REVOCATION_MS = 60_000;

interface Tracked {
  readonly room: string;
  readonly ends: Set<() => void>;
}

export class Auth {
  private readonly live = new Map<string, Tracked>();
  private readonly recentlyRevoked = new Map<string, number>();

  constructor(
    private readonly secret: string | undefined,
    readonly invites: InviteStore,
    private readonly bus?: RevocationBus,
  ) {}

  get enabled(): boolean {
    return this.secret !== undefined;
  }

  /** The access `token` grants on `room`; throws AccessDenied. */
  async authenticate(room: string, token: string | undefined): Promise<Access> {
    if (this.secret === undefined) return OPEN_ACCESS;
    if (!token) throw new AccessDenied(401, 'an invite token is required');
    let access: Access;
    try {
      access = await verifyToken(this.secret, token);
    } catch (err) {
      throw new AccessDenied(401, err instanceof TokenError ? err.message : 'invalid invite token');
    }
    if (access.room !== room) throw new AccessDenied(403, 'this invite is for another board');
    if (access.inviteId === null || !(await this.invites.isUsable(room, access.inviteId)))
      throw new AccessDenied(401, 'invite revoked');
    return access;
  }

  /** Signs and records an invite; null when auth is off (there is nothing to sign with). */
  async mint(req: MintRequest): Promise<{ id: string; token: string; expiresAt: number } | null> {
    if (this.secret === undefined) return null;
    const expiresAt = Math.floor(Date.now() / 1000) + req.ttlSeconds;
    const { id, token } = await mintToken(this.secret, { ...req, expiresAt });
    await this.invites.add({
      id,
      room: req.room,
      role: req.role,
      subject: req.subject,
      expiresAt,
      createdAt: new Date().toISOString(),
      createdBy: req.createdBy,
      revokedAt: null,
    });
    return { id, token, expiresAt };
  }

  /** Revokes the invite and closes every live socket opened with it, on every relay. */
  async revoke(room: string, id: string): Promise<boolean> {
    if (!(await this.invites.revoke(room, id))) return false;
    this.endSockets(id);
    this.bus?.announceRevoke(id);
    return true;
  }

  /** Ends this relay's sockets opened with invite `id` (revoked here or on another relay). */
  endSockets(id: string): void {
    const now = Date.now();
    for (const [old, at] of this.recentlyRevoked)
      if (now - at > RECENT_REVOCATION_MS) this.recentlyRevoked.delete(old);
    this.recentlyRevoked.set(id, now);
    const tracked = this.live.get(id);
    this.live.delete(id);
    for (const end of tracked?.ends ?? []) end();
  }

  /**
   * Re-checks every invite holding a live socket here and ends those no longer usable: for when
   * revocation messages from other relays may have been missed (the bus reconnected).
   */
  async recheckLive(): Promise<void> {
    for (const [id, { room }] of [...this.live]) {
      if (!(await this.invites.isUsable(room, id))) this.endSockets(id);
    }
  }

  /**
   * Registers a live socket's `end` under its invite; returns the unregister function. Calls
   * `end` at once when the invite was revoked since its token was checked.
   */
  track(access: Access, end: () => void): () => void {
    const { inviteId: id, room } = access;
    if (id === null || room === null) return () => {};
    if (this.recentlyRevoked.has(id)) {
      end();
      return () => {};
    }
    let tracked = this.live.get(id);
    if (!tracked) {
      tracked = { room, ends: new Set() };
      this.live.set(id, tracked);
    }
    const { ends } = tracked;
    ends.add(end);
    return () => {
      ends.delete(end);
      if (ends.size === 0 && this.live.get(id) === tracked) this.live.delete(id);
    };
  }

  /** Live invite-holding sockets (tests check nothing leaks). */
  get trackedSockets(): number {
    let n = 0;
    for (const t of this.live.values()) n += t.ends.size;
    return n;
  }
}
