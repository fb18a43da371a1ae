/** Invites in the data directory's SQLite file (securityDb.ts), for a single relay. */
import type Database from 'better-sqlite3';
import { type Invite, type InviteRow, type InviteStore, toInvite } from './inviteStore.ts';

export class SqliteInviteStore implements InviteStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      add: db.prepare<[string, string, string, string, number, string, string, string | null]>(
        `INSERT INTO invites (id, room, role, subject, expires_at, created_at, created_by, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET revoked_at = COALESCE(invites.revoked_at, excluded.revoked_at)
         WHERE invites.room = excluded.room`,
      ),
      list: db.prepare<[string], InviteRow>(
        'SELECT * FROM invites WHERE room = ? ORDER BY created_at DESC, rowid DESC',
      ),
      usable: db.prepare<[string, string], { ok: number }>(
        'SELECT 1 AS ok FROM invites WHERE id = ? AND room = ? AND revoked_at IS NULL',
      ),
      revoke: db.prepare<[string, string, string]>(
        'UPDATE invites SET revoked_at = ? WHERE room = ? AND id = ? AND revoked_at IS NULL',
      ),
      deleteRoom: db.prepare<[string]>('DELETE FROM invites WHERE room = ?'),
    };
  }

  async add(i: Invite): Promise<void> {
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

  async list(room: string): Promise<Invite[]> {
    return this.stmt.list.all(room).map(toInvite);
  }

  async isUsable(room: string, id: string): Promise<boolean> {
    return this.stmt.usable.get(id, room) !== undefined;
  }

  async revoke(room: string, id: string): Promise<boolean> {
    return this.stmt.revoke.run(new Date().toISOString(), room, id).changes > 0;
  }

  async deleteRoom(room: string): Promise<void> {
    this.stmt.deleteRoom.run(room);
  }
}
