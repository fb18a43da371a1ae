/**
 * Checks the invites and audit entries of an uploaded backup before they reach a store: a
 * facilitator's file is untrusted, and with PostgreSQL one malformed audit entry would fail the
 * batch it shares with live edits of other boards.
 */
import type { NewAuditEntry } from '../audit/auditStore.ts';
import type { Invite } from '../auth/inviteStore.ts';
import { isRole } from '../auth/roles.ts';

const isText = (v: unknown, max = 1000): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isList = <T>(v: unknown, item: (x: unknown) => x is T): v is T[] =>
  Array.isArray(v) && v.length <= 10_000 && v.every(item);

/** The invite as the stores take it; throws naming the board when a field is wrong. */
export function checkInvite(v: unknown, room: string): Invite {
  const i = (v ?? {}) as Record<string, unknown>;
  const ok =
    isText(i.id, 64) &&
    isRole(i.role) &&
    isText(i.subject) &&
    isCount(i.expiresAt) &&
    isText(i.createdAt, 64) &&
    isText(i.createdBy) &&
    (i.revokedAt === null || isText(i.revokedAt, 64));
  if (!ok) throw new Error(`board ${room} has a malformed invite`);
  return {
    id: i.id as string,
    room,
    role: i.role as Invite['role'],
    subject: i.subject as string,
    expiresAt: i.expiresAt as number,
    createdAt: i.createdAt as string,
    createdBy: i.createdBy as string,
    revokedAt: i.revokedAt as string | null,
  };
}

/** The audit entry as the stores take it (its old seq dropped); throws when a field is wrong. */
export function checkAuditEntry(v: unknown, room: string): NewAuditEntry {
  const e = (v ?? {}) as Record<string, unknown>;
  const ok =
    isText(e.at, 64) &&
    isText(e.subject) &&
    isText(e.role, 64) &&
    isList(e.clients, isCount) &&
    isCount(e.bytes) &&
    e.bytes <= 2 ** 31 - 1 &&
    isList(e.areas, (x): x is string => isText(x, 64)) &&
    isText(e.action, 64);
  if (!ok) throw new Error(`board ${room} has a malformed audit entry`);
  return {
    at: e.at as string,
    subject: e.subject as string,
    role: e.role as string,
    clients: e.clients as number[],
    bytes: e.bytes as number,
    areas: e.areas as string[],
    action: e.action as string,
  };
}
