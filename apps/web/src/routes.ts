/**
 * Three pages (landing, board, trends), so routing is the pathname plus pushState; a router library
 * would be more code than the routes.
 */
export type Route =
  | { readonly page: 'landing' }
  | { readonly page: 'trends' }
  | { readonly page: 'board'; readonly room: string };

export const TRENDS_PATH = '/trends';

const ROOM = /^[A-Za-z0-9_-]{1,128}$/;

/** Parses `/`, `/trends` and `/r/<room>`; anything else falls back to the landing page. */
export function parseRoute(pathname: string): Route {
  if (pathname.replace(/\/$/, '') === TRENDS_PATH) return { page: 'trends' };
  const m = /^\/r\/([^/]+)\/?$/.exec(pathname);
  if (m) {
    const room = decodeURIComponent(m[1] as string);
    if (ROOM.test(room)) return { page: 'board', room };
  }
  return { page: 'landing' };
}

export const boardPath = (room: string) => `/r/${encodeURIComponent(room)}`;

/** Accepts a pasted board URL, a `/r/<room>` path or a bare room id; null when it is neither. */
export function roomFromInput(input: string): string | null {
  const text = input.trim();
  if (ROOM.test(text)) return text;
  let path = text;
  try {
    path = new URL(text, window.location.origin).pathname;
  } catch {
    return null;
  }
  const route = parseRoute(path);
  return route.page === 'board' ? route.room : null;
}

export const NAVIGATE_EVENT = 'causeway:navigate';

/** Client-side navigation: App listens for popstate and this event. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
