/**
 * The relay's access decisions: with a secret, a board opens only with a valid, unrevoked invite
 * for that board; without one (loopback only, see listenGuard.ts) everyone is an anonymous
 * facilitator. Also remembers which live sockets hold which invite, so revoking one ends them.
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

export class Auth {
  private readonly live = new Map<string, Set<() => void>>();

  constructor(
    private readonly secret: string | undefined,
    readonly invites: InviteStore,
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
    if (access.inviteId === null || !this.invites.isUsable(room, access.inviteId))
      throw new AccessDenied(401, 'invite revoked');
    return access;
  }

  /** Signs and records an invite; null when auth is off (there is nothing to sign with). */
  async mint(req: MintRequest): Promise<{ id: string; token: string; expiresAt: number } | null> {
    if (this.secret === undefined) return null;
    const expiresAt = Math.floor(Date.now() / 1000) + req.ttlSeconds;
    const { id, token } = await mintToken(this.secret, { ...req, expiresAt });
    this.invites.add({
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

  /** Revokes the invite and closes every live socket opened with it. */
  revoke(room: string, id: string): boolean {
    if (!this.invites.revoke(room, id)) return false;
    for (const end of this.live.get(id) ?? []) end();
    this.live.delete(id);
    return true;
  }

  /** Registers a live socket's `end` under its invite; returns the unregister function. */
  track(access: Access, end: () => void): () => void {
    const id = access.inviteId;
    if (id === null) return () => {};
    let set = this.live.get(id);
    if (!set) {
      set = new Set();
      this.live.set(id, set);
    }
    set.add(end);
    return () => {
      set.delete(end);
      if (set.size === 0 && this.live.get(id) === set) this.live.delete(id);
    };
  }

  /** Live invite-holding sockets (tests check nothing leaks). */
  get trackedSockets(): number {
    let n = 0;
    for (const s of this.live.values()) n += s.size;
    return n;
  }
}
