/**
 * Which TheHive servers the relay may call. A pull makes the relay send a request on the caller's
 * behalf, so without a rule an editor could reach anything the relay's network can (cloud metadata,
 * admin consoles): the SSRF a pull must not become. docs/threat-model.md explains the rule.
 */
import { HttpError } from '../errors.ts';

/** `raw` as a base URL in one spelling (http/https, no credentials, path ending in `/`). */
export function normaliseBaseUrl(raw: string): URL {
  let base: URL;
  try {
    base = new URL(raw.endsWith('/') ? raw : `${raw}/`);
  } catch {
    throw new Error(`"${raw}" is not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new Error(`"${raw}" must start with http:// or https://`);
  // Named by host only: echoing the URL would repeat its password into answers and logs.
  if (base.username || base.password)
    throw new Error(
      `for ${base.host} must not carry a user name or password; the API key goes in apiKey`,
    );
  base.search = '';
  base.hash = '';
  return base;
}

export interface TheHiveAllowList {
  /** CAUSEWAY_THEHIVE_URLS. */
  readonly urls: readonly string[];
  /** Whether the relay checks invite tokens (CAUSEWAY_SECRET set). */
  readonly authOn: boolean;
}

/**
 * Throws `thehive-url-not-allowed` unless `base` may be called: with a list, only a listed base
 * URL (same scheme, host, port and path); without one, any http(s) URL only while auth is off,
 * which the relay allows on loopback alone, where the caller already is on the relay's machine.
 */
export function checkTheHiveBase(base: URL, allow: TheHiveAllowList): void {
  if (allow.urls.length > 0) {
    if (allow.urls.some((u) => normaliseBaseUrl(u).href === base.href)) return;
    throw new HttpError(
      'thehive-url-not-allowed',
      `${base.origin} is not one of this relay's TheHive servers (CAUSEWAY_THEHIVE_URLS); ask its operator to add it`,
    );
  }
  if (allow.authOn)
    throw new HttpError(
      'thehive-url-not-allowed',
      'this relay pulls from no TheHive server: its operator has not set CAUSEWAY_THEHIVE_URLS',
    );
}
