/**
 * Who a REST write is made for, reachable from the audit recorder (which sees only a doc
 * update). Each write site wraps its doc change in `actingAs`; Yjs emits the update inside that
 * synchronous call, so a plain variable carries it. AsyncLocalStorage did this per request
 * before, but on Node 20 it turns on async hooks for the whole process: a callback on every
 * promise and every socket write, which made the relay's fan-out measurably slower.
 */
import type { Access } from './roles.ts';

let current: Access | null = null;

/** Runs `write` (synchronous) as `access`, so the audit log names it. */
export function actingAs<T>(access: Access | null | undefined, write: () => T): T {
  const previous = current;
  current = access ?? null;
  try {
    return write();
  } finally {
    current = previous;
  }
}

/** The access of the REST write being applied, or null outside `actingAs`. */
export function currentRequestAccess(): Access | null {
  return current;
}
