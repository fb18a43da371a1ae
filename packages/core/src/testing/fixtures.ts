/** Test support only (never exported from index.ts): reads the shared fixtures beside the repo. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// packages/core/src/testing -> the repo's parent, where shared/ sits locally and in CI (../shared).
const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared');
export const TIMELINES_DIR = resolve(SHARED, 'fixtures/timelines');

/** The text of one timeline fixture, e.g. `timelineCsv('cloudflare_2019_07_02_waf_regex')`. */
export function timelineCsv(name: string): string {
  return readFileSync(resolve(TIMELINES_DIR, `${name}.csv`), 'utf8');
}

/** Names (without .csv) of every timeline fixture on disk. */
export function timelineNames(): string[] {
  return readdirSync(TIMELINES_DIR)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => f.slice(0, -'.csv'.length))
    .sort();
}

/** Absolute path of the core package's src directory, for tests that scan the source. */
export const CORE_SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The format samples (Jira, Sigma, …) and their ORIGIN notes. */
export const FORMATS_DIR = resolve(SHARED, 'fixtures/formats');
