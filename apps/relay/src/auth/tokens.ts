/**
 * Invite tokens: HS256 JWTs signed with CAUSEWAY_SECRET carrying the room, the role, the holder's
 * name (`sub`), an expiry and an id (`jti`) that the room's revocation list can name.
 */

import { newId } from '@causeway/core';
import { errors, jwtVerify, SignJWT } from 'jose';
import { type Access, isRole, type Role } from './roles.ts';

const ISSUER = 'causeway';
const ALG = 'HS256';

export interface InviteClaims {
  readonly room: string;
  readonly role: Role;
  readonly subject: string;
  /** Unix seconds. */
  readonly expiresAt: number;
}

export interface MintedToken {
  readonly id: string;
  readonly token: string;
}

/** Why a token was refused; the message is safe to show to the holder. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Signs an invite for `claims`; the id is returned so the invite can be listed and revoked. */
export async function mintToken(secret: string, claims: InviteClaims): Promise<MintedToken> {
  const id = newId('inv');
  const token = await new SignJWT({ room: claims.room, role: claims.role })
    .setProtectedHeader({ alg: ALG })
    .setIssuer(ISSUER)
    .setSubject(claims.subject)
    .setJti(id)
    .setIssuedAt()
    .setExpirationTime(claims.expiresAt)
    .sign(keyOf(secret));
  return { id, token };
}

/** Checks signature, algorithm, issuer and expiry; returns the access the token grants. */
export async function verifyToken(secret: string, token: string): Promise<Access> {
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: [ALG],
      issuer: ISSUER,
      requiredClaims: ['exp', 'sub', 'jti'],
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new TokenError('invite expired');
    throw new TokenError('invalid invite token');
  }
  const { room, role, sub, jti } = payload;
  if (
    typeof room !== 'string' ||
    !isRole(role) ||
    typeof sub !== 'string' ||
    typeof jti !== 'string'
  )
    throw new TokenError('invalid invite token');
  return { role, subject: sub, inviteId: jti, room };
}
