/**
 * Relay configuration: defaults, and the one place that reads the environment.
 *
 * CAUSEWAY_DATA: an explicit relative path is resolved against INIT_CWD (the directory where the
 * user typed `pnpm ...`; pnpm runs package scripts with cwd = the package) and falls back to the
 * process cwd. When unset, the default is the repository root's `data/`, resolved from this
 * file's location, so `pnpm start` at the root and `pnpm --filter @causeway/relay start` in any
 * directory share one store.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_IMPORT_BYTES } from '@causeway/core';
import { normaliseBaseUrl } from './import/allowList.ts';
import type { Storage } from './storage/storage.ts';

export interface RelayConfig {
  readonly port: number;
  readonly host: string;
  /** Directory holding causeway.sqlite; created if missing. */
  readonly dataDir: string;
  /** pino level; 'silent' in tests. */
  readonly logLevel: string;
  /** Largest accepted WebSocket frame; larger ones close the socket with 1009. */
  readonly maxFrameBytes: number;
  /**
   * Largest uploaded file on the file routes (timeline, imports) and largest TheHive answer; larger
   * ones get 413 naming the limit. Other REST bodies keep Fastify's 1 MiB. The default fits 50,000
   * realistic rows of every format (docs/formats.md, "File size"); the web app reads it from
   * `GET /api/rooms/:room/access` to refuse a larger file before previewing it.
   */
  readonly maxUploadBytes: number;
  /** How long the relay waits for a server it pulls from (TheHive) before giving up. */
  readonly upstreamTimeoutMs: number;
  /**
   * TheHive base URLs a pull may target (CAUSEWAY_THEHIVE_URLS). Empty: any http(s) URL while
   * auth is off (loopback only), no pull at all while auth is on, so the relay cannot be turned
   * into a proxy onto its own network.
   */
  readonly theHiveUrls: readonly string[];
  /** How often every socket hears from the relay; must stay well under the client's 30 s. */
  readonly keepaliveMs: number;
  /** A socket that has not answered a ws ping for this long is terminated. */
  readonly deadPeerMs: number;
  /** Update-log rows per room before they are merged into one. */
  readonly compactAfter: number;
  /** The built web app; `/` answers 503 when it has no index.html. */
  readonly webDist: string;
  /**
   * Let `POST /api/rooms/:room/jira` call plain-http Jira URLs. Off by default: the relay makes the
   * request, so https-only keeps credentials off the wire in clear (tests and labs turn it on).
   */
  readonly jiraAllowHttp: boolean;
  /**
   * Bearer token for `GET /api/metrics` (trends across every board) when invites are required
   * (CAUSEWAY_TRENDS_TOKEN); without it that route is refused, as no board invite covers all boards.
   */
  readonly trendsToken?: string;
  /** Which backend `openStorage` builds: embedded SQLite, or PostgreSQL for several relays. */
  readonly storageBackend: 'sqlite' | 'postgres';
  /** PostgreSQL connection string, used when storageBackend is 'postgres'. */
  readonly databaseUrl?: string;
  /** Redis URL; when set, rooms are shared with every relay on the same Redis (pub/sub). */
  readonly redisUrl?: string;
  /** A ready backend instance, overriding storageBackend (tests, embedders). */
  readonly storage?: Storage;
  /** HMAC secret for invite tokens (CAUSEWAY_SECRET); unset = open access, loopback only. */
  readonly secret?: string;
  /** Origins allowed to call the REST API cross-origin (CAUSEWAY_CORS_ORIGINS); none by default. */
  readonly corsOrigins: readonly string[];
  /** Largest board (bytes of Yjs state); updates that would pass it are refused (close 4413). */
  readonly maxBoardBytes: number;
  /** Per-socket token bucket: sustained messages per second and burst size (close 4429). */
  readonly socketMessagesPerSecond: number;
  readonly socketMessageBurst: number;
  /** REST requests per client IP per minute under /api (429 above). */
  readonly restRequestsPerMinute: number;
  /**
   * Addresses or CIDRs of the reverse proxies in front of the relay (CAUSEWAY_TRUST_PROXY). From
   * them, X-Forwarded-For names the client (the REST budget is per client, not per proxy) and
   * X-Forwarded-Host the host the browser used (the origin check). Empty: headers ignored.
   */
  readonly trustProxy: readonly string[];
}

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

/** The repository root's data directory (apps/relay/src -> ../../../data). */
export const DEFAULT_DATA_DIR = here('../../../data');
/** apps/web/dist, found from this file so the cwd does not matter. */
export const DEFAULT_WEB_DIST = here('../../web/dist');

export const DEFAULTS: Omit<RelayConfig, 'storage' | 'secret' | 'databaseUrl' | 'redisUrl'> = {
  port: 4410,
  host: '127.0.0.1',
  dataDir: DEFAULT_DATA_DIR,
  logLevel: 'info',
  maxFrameBytes: 8 * 1024 * 1024,
  maxUploadBytes: MAX_IMPORT_BYTES,
  upstreamTimeoutMs: 15_000,
  theHiveUrls: [],
  // A peer that stops answering is gone within deadPeerMs + keepaliveMs = 25 s (issue 4: < 30 s).
  keepaliveMs: 5_000,
  deadPeerMs: 20_000,
  compactAfter: 500,
  storageBackend: 'sqlite',
  webDist: DEFAULT_WEB_DIST,
  corsOrigins: [],
  maxBoardBytes: 50 * 1024 * 1024,
  socketMessagesPerSecond: 200,
  socketMessageBurst: 1000,
  restRequestsPerMinute: 600,
  trustProxy: [],
  jiraAllowHttp: false,
};

/** Fills every missing option with its default. */
export function resolveConfig(input: Partial<RelayConfig> = {}): RelayConfig {
  const out = { ...DEFAULTS, ...input };
  if (out.keepaliveMs >= 30_000)
    throw new Error('keepaliveMs must stay below the client’s 30 s timeout');
  if (out.secret !== undefined && Buffer.byteLength(out.secret) < 32)
    throw new Error('CAUSEWAY_SECRET must be at least 32 bytes (e.g. `openssl rand -hex 32`)');
  // Checked at start-up so a typo is an error now, not a refused pull during an incident.
  for (const url of out.theHiveUrls) normaliseBaseUrl(url);
  return out;
}

function intFrom(env: NodeJS.ProcessEnv, key: string): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${key} must be a non-negative integer, got ${raw}`);
  return n;
}

/** A comma-separated list, blanks dropped; undefined when unset or empty. */
function listFrom(env: NodeJS.ProcessEnv, key: string): string[] | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  return raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** CAUSEWAY_TRUST_PROXY: addresses or CIDRs only (`true` would let any client forge its address). */
function proxiesFrom(env: NodeJS.ProcessEnv): string[] | undefined {
  const list = listFrom(env, 'CAUSEWAY_TRUST_PROXY');
  for (const entry of list ?? []) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    // /0 would trust every address: the forgeable `true` under another name.
    const okBits =
      bits === undefined || (/^\d+$/.test(bits) && Number(bits) >= 1 && Number(bits) <= maxBits);
    if (family === 0 || !okBits || rest.length > 0)
      throw new Error(
        `CAUSEWAY_TRUST_PROXY lists proxy addresses or CIDRs (e.g. 10.0.0.5,10.1.0.0/16), got ${entry}`,
      );
  }
  return list;
}

function backendFrom(env: NodeJS.ProcessEnv): RelayConfig['storageBackend'] | undefined {
  const raw = env.CAUSEWAY_STORAGE;
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'sqlite' || raw === 'postgres') return raw;
  throw new Error(`CAUSEWAY_STORAGE must be sqlite or postgres, got ${raw}`);
}

/**
 * Reads PORT, HOST, CAUSEWAY_DATA, LOG_LEVEL, CAUSEWAY_STORAGE + DATABASE_URL, REDIS_URL and the
 * CAUSEWAY_* tuning knobs.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const base = env.INIT_CWD ?? process.cwd();
  const picked: Partial<Record<keyof RelayConfig, unknown>> = {
    port: intFrom(env, 'PORT'),
    host: env.HOST || undefined,
    dataDir: env.CAUSEWAY_DATA ? resolve(base, env.CAUSEWAY_DATA) : undefined,
    logLevel: env.LOG_LEVEL || undefined,
    maxFrameBytes: intFrom(env, 'CAUSEWAY_MAX_FRAME_BYTES'),
    maxUploadBytes: intFrom(env, 'CAUSEWAY_MAX_UPLOAD_BYTES'),
    upstreamTimeoutMs: intFrom(env, 'CAUSEWAY_UPSTREAM_TIMEOUT_MS'),
    theHiveUrls: listFrom(env, 'CAUSEWAY_THEHIVE_URLS'),
    keepaliveMs: intFrom(env, 'CAUSEWAY_KEEPALIVE_MS'),
    compactAfter: intFrom(env, 'CAUSEWAY_COMPACT_AFTER'),
    storageBackend: backendFrom(env),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    webDist: env.CAUSEWAY_WEB_DIST ? resolve(base, env.CAUSEWAY_WEB_DIST) : undefined,
    jiraAllowHttp: env.CAUSEWAY_JIRA_ALLOW_HTTP === '1' ? true : undefined,
    trendsToken: env.CAUSEWAY_TRENDS_TOKEN || undefined,
    secret: env.CAUSEWAY_SECRET || undefined,
    corsOrigins: listFrom(env, 'CAUSEWAY_CORS_ORIGINS'),
    maxBoardBytes: intFrom(env, 'CAUSEWAY_MAX_BOARD_BYTES'),
    socketMessagesPerSecond: intFrom(env, 'CAUSEWAY_SOCKET_MSGS_PER_SEC'),
    socketMessageBurst: intFrom(env, 'CAUSEWAY_SOCKET_MSG_BURST'),
    restRequestsPerMinute: intFrom(env, 'CAUSEWAY_REST_PER_MINUTE'),
    trustProxy: proxiesFrom(env),
  };
  const defined = Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined));
  return resolveConfig(defined as Partial<RelayConfig>);
}
