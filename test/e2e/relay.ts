/** A real relay serving the built web app, on port 0 with a temp data dir. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type RelayConfig, type Storage } from '../../apps/relay/src/index.ts';

const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

export interface E2ERelay {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the relay serving the built app. `storage`, when given, builds the relay's storage for
 * its temp data dir (failure drills); other options pass through (e.g. a `secret` turns auth on).
 */
export async function startWebRelay(
  opts: Omit<Partial<RelayConfig>, 'storage'> & { storage?: (dataDir: string) => Storage } = {},
): Promise<E2ERelay> {
  const { storage, ...extra } = opts;
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      'apps/web/dist is missing: run `pnpm --filter @causeway/web build` (pnpm test does)',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'causeway-e2e-'));
  const app = await buildApp({
    logLevel: 'silent',
    dataDir,
    webDist: WEB_DIST,
    ...extra,
    ...(storage ? { storage: storage(dataDir) } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('relay has no port');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the browser tests leave their screenshots: test-results/ (ignored) by default, so a test
 * run never dirties the work tree; `pnpm screenshots` points it at docs/screenshots on purpose.
 */
export const SCREENSHOTS = `${resolve(REPO, process.env.CAUSEWAY_SCREENSHOTS ?? 'test-results/screenshots')}/`;
mkdirSync(SCREENSHOTS, { recursive: true });

/** The shared fixtures beside the repository (CI copies shared/ to ../shared). */
export const fixture = (rel: string) =>
  fileURLToPath(new URL(`../../../shared/fixtures/${rel}`, import.meta.url));
