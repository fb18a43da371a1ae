/** The invites minted for each room, so a facilitator can list them and revoke one. */
import type Database from 'better-sqlite3';
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

interface Row {
  id: string;
  room: string;
  role: Role;
  subject: string;
  expires_at: number;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

const toInvite = (r: Row): Invite => ({
  id: r.id,
  room: r.room,
  role: r.role,
  subject: r.subject,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
});

export class InviteStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      add: db.prepare<[string, string, string, string, number, string, string, string | null]>(
        'INSERT OR REPLACE INTO invites (id, room, role, subject, expires_at, created_at, created_by, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      list: db.prepare<[string], Row>(
        'SELECT * FROM invites WHERE room = ? ORDER BY created_at DESC, rowid DESC',
      ),
      get: db.prepare<[string], Row>('SELECT * FROM invites WHERE id = ?'),
      revoke: db.prepare<[string, string, string]>(
        'UPDATE invites SET revoked_at = ? WHERE room = ? AND id = ? AND revoked_at IS NULL',
      ),
      deleteRoom: db.prepare<[string]>('DELETE FROM invites WHERE room = ?'),
    };
  }

  add(invite: Invite): void {
    const i = invite;
    this.stmt.add.run(
      i.id,
      i.room,
      i.role,
      i.subject,
      i.expiresAt,
      i.createdAt,
      i.createdBy,
      i.revokedAt,
    );
  }

  /** Every invite of `room`, newest first, revoked and expired ones included. */
  list(room: string): Invite[] {
    return this.stmt.list.all(room).map(toInvite);
  }

  /**
   * True when the token with this id may still be used for `room`. An id the store never saw is
   * refused too: only invites minted here (and restored with a backup) open a board.
   */
  isUsable(room: string, id: string): boolean {
    const row = this.stmt.get.get(id);
    return row !== undefined && row.room === room && row.revoked_at === null;
  }

  /** Marks the invite revoked; false when there was no such live invite in that room. */
  revoke(room: string, id: string): boolean {
    return this.stmt.revoke.run(new Date().toISOString(), room, id).changes > 0;
  }

  deleteRoom(room: string): void {
    this.stmt.deleteRoom.run(room);
  }
}
