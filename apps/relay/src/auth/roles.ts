/** Who may do what on one board: three roles, each including the rights of the ones below it. */
export const ROLES = ['viewer', 'editor', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

/** What a socket or request is allowed on a board, and whom to name in the audit log. */
export interface Access {
  readonly role: Role;
  /** The token's subject (a person's name), or "anonymous" when auth is off. */
  readonly subject: string;
  /** The invite's id (JWT `jti`), so a revocation can find its live sockets; null when open. */
  readonly inviteId: string | null;
  /** The room the token is for; null when auth is off (every room). */
  readonly room: string | null;
}

/** With no secret (loopback only) everyone is a facilitator of every board, named anonymous. */
export const OPEN_ACCESS: Access = {
  role: 'facilitator',
  subject: 'anonymous',
  inviteId: null,
  room: null,
};

export const isRole = (v: unknown): v is Role => ROLES.includes(v as Role);

/** True when `have` includes the rights of `need`. */
export const roleAtLeast = (have: Role, need: Role): boolean =>
  ROLES.indexOf(have) >= ROLES.indexOf(need);

/** Viewers may watch and show presence, never change the board. */
export const canWrite = (access: Access): boolean => roleAtLeast(access.role, 'editor');
