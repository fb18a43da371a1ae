/**
 * The invites minted for each room, so a facilitator can list them and revoke one, and so every
 * relay can refuse a revoked one. Two backends: SQLite (sqliteInvites.ts, one relay) and
 * PostgreSQL (postgresInvites.ts, shared by every relay of a deployment).
 */
import type { Role } from './roles.ts';

export interface Invite {
  readonly id: string;
  readonly room: string;
  readonly role: Role;
  readonly subject: string;
  /** Unix seconds. */
  readonly expiresAt: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
}

export interface InviteStore {
  /**
   * Records an invite. Adding an id already known (a restored backup) never un-revokes it nor
   * moves it to another room; it only carries over a revocation the stored copy lacks.
   */
  add(invite: Invite): Promise<void>;
  /** Every invite of `room`, newest first, revoked and expired ones included. */
  list(room: string): Promise<Invite[]>;
  /**
   * True when the token with this id may still be used for `room`. An id the store never saw is
   * refused too: only invites minted in this deployment (or restored with a backup) open a board.
   * One lookup by primary key; no cache, so a revocation holds from the moment it commits.
   */
  isUsable(room: string, id: string): Promise<boolean>;
  /** Marks the invite revoked; false when there was no such live invite in that room. */
  revoke(room: string, id: string): Promise<boolean>;
  deleteRoom(room: string): Promise<void>;
}

/** A row as both backends store it. */
export interface InviteRow {
  id: string;
  room: string;
  role: Role;
  subject: string;
  /** PostgreSQL returns BIGINT as text. */
  expires_at: number | string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

export const toInvite = (r: InviteRow): Invite => ({
  id: r.id,
  room: r.room,
  role: r.role,
  subject: r.subject,
  expiresAt: Number(r.expires_at),
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
});
