/**
 * Links to board files when the tab holds an invite token: a plain link cannot send the
 * Authorization header, so the click fetches with it instead. Without a token (open access) the
 * link works as written and these handlers do nothing.
 */
import { ApiError, downloadWithToken } from '../api.ts';
import { authHeaders, tokenFor } from './token.ts';

/** onClick for a download link: fetches with the token and saves the file. */
export const authedDownload =
  (room: string, url: string, filename: string) => (e: { preventDefault(): void }) => {
    if (!tokenFor(room)) return;
    e.preventDefault();
    void downloadWithToken(room, url, filename);
  };

/**
 * onClick for a link that opens a page in a new tab (the HTML report): the tab is opened at once
 * (so no popup blocker intervenes), then shown the page fetched with the token.
 */
export const authedOpen = (room: string, url: string) => (e: { preventDefault(): void }) => {
  if (!tokenFor(room)) return;
  e.preventDefault();
  const tab = window.open('', '_blank');
  void (async () => {
    const res = await fetch(url, { headers: authHeaders(room) });
    if (!res.ok) {
      tab?.close();
      throw new ApiError(res.status, `http-${res.status}`, 'The report was refused.');
    }
    // The page carries its own no-script Content-Security-Policy in a meta tag.
    const href = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }));
    if (tab) tab.location.href = href;
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  })();
};
