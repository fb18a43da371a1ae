/**
 * The access of the REST request being handled, reachable from code that has no request object
 * (the audit recorder sees only a doc update), via AsyncLocalStorage entered per request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Access } from './roles.ts';

interface Holder {
  access: Access | null;
}

const storage = new AsyncLocalStorage<Holder>();

/** Runs the rest of a request inside its own holder (call from an onRequest hook). */
export function runWithRequestScope(next: () => void): void {
  storage.run({ access: null }, next);
}

/** Records who the current request is, once authenticated. */
export function setRequestAccess(access: Access): void {
  const holder = storage.getStore();
  if (holder) holder.access = access;
}

/** The current request's access, or null outside a request. */
export function currentRequestAccess(): Access | null {
  return storage.getStore()?.access ?? null;
}
