/**
 * The invite token for each board, kept in sessionStorage (this tab only, gone when it closes).
 * An invite URL carries it as `#token=…` (never sent to servers or logs) or `?token=…`; it is
 * taken from the address bar on load and removed from it, so a copied URL does not leak it.
 */
const key = (room: string) => `causeway:token:${room}`;

/** This page load's tokens, for when sessionStorage is disabled (the URL no longer has them). */
const held = new Map<string, string>();

/** The token stored for `room`, if any. */
export function tokenFor(room: string): string | undefined {
  try {
    return sessionStorage.getItem(key(room)) ?? held.get(room);
  } catch {
    return held.get(room);
  }
}

export function storeToken(room: string, token: string): void {
  held.set(room, token);
  try {
    sessionStorage.setItem(key(room), token);
  } catch {
    // Storage disabled: the token still works for this page load through the provider params.
  }
}

/** Moves a token from the current URL into sessionStorage for `room` and cleans the URL. */
export function adoptTokenFromUrl(room: string): void {
  const url = new URL(window.location.href);
  const fromHash = new URLSearchParams(url.hash.slice(1)).get('token');
  const fromQuery = url.searchParams.get('token');
  const token = fromHash ?? fromQuery;
  if (!token) return;
  storeToken(room, token);
  url.hash = '';
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search);
}

/** `Authorization` header for a board's REST calls, when a token is held. */
export function authHeaders(room: string): Record<string, string> {
  const t = tokenFor(room);
  return t ? { authorization: `Bearer ${t}` } : {};
}
