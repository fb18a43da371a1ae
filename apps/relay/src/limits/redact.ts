/**
 * Strips secrets from a URL before it is logged: the `token` query parameter of a request, and
 * the password of a service URL (`redis://:secret@host`, `postgres://user:secret@host/db`).
 */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/i, '$1[redacted]@');
}
