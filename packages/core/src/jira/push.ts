/**
 * Creating action items in Jira with bulk create, never twice:
 * 1. items that already carry a key are not sent (the caller filters them: jiraPayloads);
 * 2. before sending, Jira is searched for issues carrying each item's causeway-<id> label, so a
 *    push retried after a lost answer (timeout, crash before write-back) adopts the issue it made;
 * 3. the keys of every answer go to `onKeys` as soon as it arrives, so a later failure loses none.
 * A 429 (or 503) with Retry-After waits and retries the same batch, a bounded number of times.
 */
import { JIRA_KEY } from '../board/doc.ts';
import {
  causewayLabel,
  type JiraApiVersion,
  type JiraIssuePayload,
  jiraBulkBodies,
} from './payloads.ts';

/** The part of `fetch` this module uses; the relay and CLI pass Node's, tests may pass their own. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export type JiraAuth =
  | { readonly kind: 'basic'; readonly email: string; readonly token: string }
  | { readonly kind: 'bearer'; readonly token: string };

export type JiraStopCode =
  | 'jira-auth-failed'
  | 'jira-forbidden'
  | 'jira-rate-limited'
  | 'jira-unreachable'
  | 'jira-refused'
  | 'jira-bad-response';

export interface JiraPushOptions {
  readonly baseUrl: string;
  readonly auth: JiraAuth;
  readonly apiVersion: JiraApiVersion;
  readonly projectKey: string;
  readonly fetch: FetchLike;
  /** Resolves after `ms`; injectable so callers can bound or observe waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Retries of one request after 429/503 (default 3). */
  readonly maxRetries?: number;
  /** Longest Retry-After honoured, in seconds (default 60); longer stops with jira-rate-limited. */
  readonly maxWaitSeconds?: number;
  /**
   * Called with the keys of each answer (the duplicate search, then every bulk batch) as soon as
   * Jira returns them: write them back to the board here, so a later failure loses none.
   */
  readonly onKeys?: (
    keys: readonly { readonly actionId: string; readonly key: string }[],
  ) => void | Promise<void>;
}

/** An item Jira holds an issue for; `title` is the board title, for messages people can read. */
export interface JiraKeyed {
  readonly actionId: string;
  readonly title: string;
  readonly key: string;
}

export interface JiraRefused {
  readonly actionId: string;
  readonly title: string;
  readonly status: number | null;
  readonly message: string;
}

export interface JiraPushResult {
  readonly created: readonly JiraKeyed[];
  /** Found already in Jira by label (an earlier push whose answer was lost). */
  readonly adopted: readonly JiraKeyed[];
  readonly failed: readonly JiraRefused[];
  /** Why the push stopped early (remaining items were not sent), or null when it ran to the end. */
  readonly stopped: { readonly code: JiraStopCode; readonly message: string } | null;
}

class Stop extends Error {
  constructor(
    readonly code: JiraStopCode,
    message: string,
  ) {
    super(message);
  }
}

declare function setTimeout(fn: () => void, ms: number): unknown;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function authHeader(auth: JiraAuth): string {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  // btoa needs Latin-1; encode UTF-8 first so non-ASCII emails or tokens survive.
  const bytes = new TextEncoder().encode(`${auth.email}:${auth.token}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}
declare function btoa(s: string): string;
declare class TextEncoder {
  encode(s: string): Uint8Array;
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); null if absent. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const n = Number(header.trim());
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, (at - now) / 1000);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Jira's error bodies: {errorMessages: [], errors: {field: message}}. */
function jiraMessages(body: unknown): string[] {
  if (!isObject(body)) return [];
  const msgs = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
  if (isObject(body.errors)) {
    for (const [k, v] of Object.entries(body.errors)) msgs.push(`${k}: ${String(v)}`);
  }
  return msgs;
}

/** Creates the payloads' issues in Jira (see the module comment for how duplicates are avoided). */
export async function pushToJira(
  payloads: readonly JiraIssuePayload[],
  opts: JiraPushOptions,
): Promise<JiraPushResult> {
  const created: JiraKeyed[] = [];
  const adopted: JiraKeyed[] = [];
  const failed: JiraRefused[] = [];
  const base = opts.baseUrl.replace(/\/+$/, '');
  const api = `${base}/rest/api/${opts.apiVersion}`;
  const sleep = opts.sleep ?? realSleep;
  const maxRetries = opts.maxRetries ?? 3;
  const maxWait = opts.maxWaitSeconds ?? 60;
  const headers = {
    authorization: authHeader(opts.auth),
    'content-type': 'application/json',
    accept: 'application/json',
  };

  /** One request with bounded 429/503 retries; throws Stop for answers that end the push. */
  const call = async (path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
    for (let attempt = 0; ; attempt++) {
      let res: Awaited<ReturnType<FetchLike>>;
      try {
        res = await opts.fetch(`${api}${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        });
      } catch (err) {
        throw new Stop(
          'jira-unreachable',
          `cannot reach Jira at ${base}: ${(err as Error).message}`,
        );
      }
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (res.status === 401)
        throw new Stop('jira-auth-failed', 'Jira refused the credentials (401).');
      if (res.status === 403) {
        throw new Stop(
          'jira-forbidden',
          `Jira forbids this (403): ${jiraMessages(json).join('; ') || 'no permission'}`,
        );
      }
      if (res.status === 429 || res.status === 503) {
        const wait = retryAfterSeconds(res.headers.get('retry-after')) ?? 2 ** attempt;
        if (attempt >= maxRetries || wait > maxWait) {
          throw new Stop(
            'jira-rate-limited',
            `Jira is rate limiting (${res.status}); gave up after ${attempt + 1} attempt(s)${wait > maxWait ? `, it asked to wait ${Math.ceil(wait)} s` : ''}.`,
          );
        }
        await sleep(wait * 1000);
        continue;
      }
      return { status: res.status, body: json };
    }
  };

  let pending = [...payloads];
  try {
    pending = await adoptExisting(pending, opts, call, adopted);
    for (const body of jiraBulkBodies(pending)) {
      const batch = pending.splice(0, body.issueUpdates.length);
      const res = await call('/issue/bulk', body);
      if (
        !isObject(res.body) ||
        (!Array.isArray(res.body.issues) && !Array.isArray(res.body.errors))
      ) {
        throw new Stop(
          res.status >= 400 ? 'jira-refused' : 'jira-bad-response',
          `Jira answered ${res.status}: ${jiraMessages(res.body).join('; ') || 'not a bulk-create answer'}`,
        );
      }
      await takeBulkAnswer(batch, res.status, res.body, opts, created, failed);
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return { created, adopted, failed, stopped: { code: err.code, message: err.message } };
  }
  return { created, adopted, failed, stopped: null };
}

/**
 * Issues in the project already labelled for one of `pending` are adopted (key written back) and
 * dropped from what will be sent. Searches 50 labels at a time.
 */
async function adoptExisting(
  pending: readonly JiraIssuePayload[],
  opts: JiraPushOptions,
  call: (path: string, body: unknown) => Promise<{ status: number; body: unknown }>,
  adopted: JiraKeyed[],
): Promise<JiraIssuePayload[]> {
  const byLabel = new Map(pending.map((p) => [causewayLabel(p.actionId), p.actionId]));
  const titles = new Map(pending.map((p) => [p.actionId, p.title]));
  const found = new Map<string, string>();
  const labels = [...byLabel.keys()];
  const searchPath = opts.apiVersion === 3 ? '/search/jql' : '/search';
  for (let i = 0; i < labels.length; i += 50) {
    const chunk = labels.slice(i, i + 50);
    const jql = `project = "${opts.projectKey.replace(/"/g, '')}" AND labels in (${chunk.map((l) => `"${l}"`).join(', ')})`;
    const res = await call(searchPath, { jql, fields: ['labels'], maxResults: 100 });
    if (res.status !== 200 || !isObject(res.body) || !Array.isArray(res.body.issues)) {
      // Without the search a retried push could duplicate issues, so refuse to go on.
      throw new Stop(
        'jira-refused',
        `Jira refused the duplicate check (search answered ${res.status}): ${jiraMessages(res.body).join('; ') || 'no issues list'}`,
      );
    }
    for (const issue of res.body.issues) {
      if (!isObject(issue) || typeof issue.key !== 'string' || !isObject(issue.fields)) continue;
      const issueLabels = Array.isArray(issue.fields.labels) ? issue.fields.labels : [];
      for (const l of issueLabels) {
        const actionId = typeof l === 'string' ? byLabel.get(l) : undefined;
        if (actionId && !found.has(actionId) && JIRA_KEY.test(issue.key))
          found.set(actionId, issue.key);
      }
    }
  }
  const keys = [...found].map(([actionId, key]) => ({ actionId, key }));
  if (keys.length > 0) await opts.onKeys?.(keys);
  adopted.push(...keys.map((k) => ({ ...k, title: titles.get(k.actionId) ?? '' })));
  return pending.filter((p) => !found.has(p.actionId));
}

/**
 * A bulk answer lists created issues in request order, skipping the failed elements, which
 * `errors[].failedElementNumber` (0-based index into the request) names.
 */
async function takeBulkAnswer(
  batch: readonly JiraIssuePayload[],
  status: number,
  body: Record<string, unknown>,
  opts: JiraPushOptions,
  created: JiraKeyed[],
  failed: JiraRefused[],
): Promise<void> {
  const errors = Array.isArray(body.errors) ? body.errors.filter(isObject) : [];
  const failedAt = new Map<number, Record<string, unknown>>();
  for (const e of errors) {
    const n = Number(e.failedElementNumber);
    if (Number.isInteger(n) && n >= 0 && n < batch.length) failedAt.set(n, e);
  }
  const issues = Array.isArray(body.issues) ? body.issues : [];
  const keys: { actionId: string; key: string }[] = [];
  const titles = new Map(batch.map((p) => [p.actionId, p.title]));
  let next = 0;
  for (const [i, p] of batch.entries()) {
    const err = failedAt.get(i);
    if (err) {
      const ee = isObject(err.elementErrors) ? err.elementErrors : {};
      failed.push({
        actionId: p.actionId,
        title: p.title,
        status: typeof err.status === 'number' ? err.status : status,
        message: jiraMessages(ee).join('; ') || 'Jira refused this issue',
      });
      continue;
    }
    const issue = issues[next++];
    const key = isObject(issue) && typeof issue.key === 'string' ? issue.key : null;
    if (key === null || !JIRA_KEY.test(key)) {
      failed.push({
        actionId: p.actionId,
        title: p.title,
        status,
        message: 'Jira returned no issue key for this item',
      });
      continue;
    }
    keys.push({ actionId: p.actionId, key });
  }
  if (keys.length > 0) await opts.onKeys?.(keys);
  created.push(...keys.map((k) => ({ ...k, title: titles.get(k.actionId) ?? '' })));
}
