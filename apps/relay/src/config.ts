/**
 * Relay configuration: defaults, and the one place that reads the environment.
 *
 * CAUSEWAY_DATA: an explicit relative path is resolved against INIT_CWD (the directory where the
 * user typed `pnpm ...`; pnpm runs package scripts with cwd = the package) and falls back to the
 * process cwd. When unset, the default is the repository root's `data/`, resolved from this
 * file's location, so `pnpm start` at the root and `pnpm --filter @causeway/relay start` in any
 * directory share one store.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** Largest accepted timeline upload (CSV or JSON); larger ones get 413. */
  readonly maxUploadBytes: number;
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
  /** Backend override (e.g. PostgreSQL later); defaults to SQLite in dataDir. */
  readonly storage?: Storage;
}

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

/** The repository root's data directory (apps/relay/src -> ../../../data). */
export const DEFAULT_DATA_DIR = here('../../../data');
/** apps/web/dist, found from this file so the cwd does not matter. */
export const DEFAULT_WEB_DIST = here('../../web/dist');

export const DEFAULTS: Omit<RelayConfig, 'storage'> = {
  port: 4410,
  host: '127.0.0.1',
  dataDir: DEFAULT_DATA_DIR,
  logLevel: 'info',
  maxFrameBytes: 8 * 1024 * 1024,
  maxUploadBytes: 5 * 1024 * 1024,
  keepaliveMs: 10_000,
  deadPeerMs: 30_000,
  compactAfter: 500,
  webDist: DEFAULT_WEB_DIST,
  jiraAllowHttp: false,
};

/** Fills every missing option with its default. */
export function resolveConfig(input: Partial<RelayConfig> = {}): RelayConfig {
  const out = { ...DEFAULTS, ...input };
  if (out.keepaliveMs >= 30_000)
    throw new Error('keepaliveMs must stay below the client’s 30 s timeout');
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

/** Reads PORT, HOST, CAUSEWAY_DATA, LOG_LEVEL and the CAUSEWAY_* tuning knobs. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const base = env.INIT_CWD ?? process.cwd();
  const picked: Partial<Record<keyof RelayConfig, unknown>> = {
    port: intFrom(env, 'PORT'),
    host: env.HOST || undefined,
    dataDir: env.CAUSEWAY_DATA ? resolve(base, env.CAUSEWAY_DATA) : undefined,
    logLevel: env.LOG_LEVEL || undefined,
    maxFrameBytes: intFrom(env, 'CAUSEWAY_MAX_FRAME_BYTES'),
    maxUploadBytes: intFrom(env, 'CAUSEWAY_MAX_UPLOAD_BYTES'),
    keepaliveMs: intFrom(env, 'CAUSEWAY_KEEPALIVE_MS'),
    compactAfter: intFrom(env, 'CAUSEWAY_COMPACT_AFTER'),
    webDist: env.CAUSEWAY_WEB_DIST ? resolve(base, env.CAUSEWAY_WEB_DIST) : undefined,
    jiraAllowHttp: env.CAUSEWAY_JIRA_ALLOW_HTTP === '1' ? true : undefined,
  };
  const defined = Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined));
  return resolveConfig(defined as Partial<RelayConfig>);
}
