/** Invites in PostgreSQL, beside the boards, so every relay of a deployment knows every invite. */
import type pg from 'pg';
import { type Invite, type InviteRow, type InviteStore, toInvite } from './inviteStore.ts';

export class PostgresInviteStore implements InviteStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(i: Invite): Promise<void> {
    await this.pool.query(
      `INSERT INTO causeway_invites (id, room, role, subject, expires_at, created_at, created_by, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE
         SET revoked_at = COALESCE(causeway_invites.revoked_at, excluded.revoked_at)
         WHERE causeway_invites.room = excluded.room`,
      [i.id, i.room, i.role, i.subject, i.expiresAt, i.createdAt, i.createdBy, i.revokedAt],
    );
  }

  async list(room: string): Promise<Invite[]> {
    const { rows } = await this.pool.query<InviteRow>(
      `SELECT id, room, role, subject, expires_at, created_at, created_by, revoked_at
       FROM causeway_invites WHERE room = $1 ORDER BY created_at DESC, n DESC`,
      [room],
    );
    return rows.map(toInvite);
  }

  async isUsable(room: string, id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM causeway_invites WHERE id = $1 AND room = $2 AND revoked_at IS NULL',
      [id, room],
    );
    return (rowCount ?? 0) > 0;
  }

  async revoke(room: string, id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE causeway_invites SET revoked_at = $1 WHERE room = $2 AND id = $3 AND revoked_at IS NULL',
      [new Date().toISOString(), room, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async deleteRoom(room: string): Promise<void> {
    await this.pool.query('DELETE FROM causeway_invites WHERE room = $1', [room]);
  }
}
