/** pushToJira against a local server that answers like Jira: success, partial failure, 401, 429. */
import {
  addActionItem,
  buildRcaExport,
  type FetchLike,
  initBoard,
  jiraPayloads,
  pushToJira,
} from '@causeway/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type FakeJira, startFakeJira } from './jiraServer.ts';

const EMAIL = 'bot@example.com';
const TOKEN = 'tok';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;

function payloads(titles: readonly string[], apiVersion: 2 | 3 = 2) {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'B' });
  for (const t of titles) addActionItem(doc, { title: t, priority: 'high' });
  return jiraPayloads(buildRcaExport(doc, { room: 'r' }), {
    projectKey: 'SEC',
    issueType: 'Task',
    apiVersion,
  });
}

let jira: FakeJira;
beforeEach(async () => {
  jira = await startFakeJira({ authorization: BASIC });
});
afterEach(async () => {
  await jira.close();
});

const opts = (extra: Partial<Parameters<typeof pushToJira>[1]> = {}) => ({
  baseUrl: `${jira.url}/`,
  auth: { kind: 'basic' as const, email: EMAIL, token: TOKEN },
  apiVersion: 2 as const,
  projectKey: 'SEC',
  fetch: fetch as unknown as FetchLike,
  ...extra,
});

describe('pushToJira', () => {
  it('creates 120 items in batches of at most 50 and reports every key', async () => {
    const ps = payloads(Array.from({ length: 120 }, (_, i) => `Item ${i}`));
    const seen: [string, string][] = [];
    const r = await pushToJira(
      ps,
      opts({
        onKeys: (keys) => void seen.push(...keys.map((k): [string, string] => [k.actionId, k.key])),
      }),
    );
    expect(r.stopped).toBeNull();
    expect(r.created).toHaveLength(120);
    expect(seen).toEqual(r.created.map((c) => [c.actionId, c.key]));
    const bulks = jira.requests.filter((q) => q.path.endsWith('/issue/bulk'));
    expect(bulks.map((q) => (q.body as { issueUpdates: unknown[] }).issueUpdates.length)).toEqual([
      50, 50, 20,
    ]);
    expect(jira.requests.every((q) => q.auth === BASIC)).toBe(true);
  });

  it('maps a partial failure by failedElementNumber and keeps the others', async () => {
    const ps = payloads(['ok one', 'REJECT me', 'ok two']);
    const r = await pushToJira(ps, opts());
    expect(r.stopped).toBeNull();
    const rejected = ps.find((p) => p.fields.summary === 'REJECT me');
    expect(r.failed).toEqual([
      {
        actionId: rejected?.actionId,
        title: 'REJECT me',
        status: 400,
        message: 'summary: Summary rejected by a workflow validator.',
      },
    ]);
    expect(r.created.map((c) => c.actionId).sort()).toEqual(
      ps
        .filter((p) => p !== rejected)
        .map((p) => p.actionId)
        .sort(),
    );
    expect(r.created.map((c) => c.title).sort()).toEqual(['ok one', 'ok two']);
    // Each key belongs to the item whose summary Jira stored under it.
    for (const c of r.created) {
      const issue = jira.issues.find((i) => i.key === c.key);
      expect(issue?.fields.summary).toBe(ps.find((p) => p.actionId === c.actionId)?.fields.summary);
    }
  });

  it('stops at 401 without creating anything', async () => {
    const r = await pushToJira(payloads(['a']), opts({ auth: { kind: 'bearer', token: 'wrong' } }));
    expect(r.stopped?.code).toBe('jira-auth-failed');
    expect(r.created).toEqual([]);
    expect(jira.issues).toEqual([]);
  });

  it('waits for Retry-After on 429 and retries the same batch', async () => {
    jira.rateLimitNext(2, '1');
    const waits: number[] = [];
    const r = await pushToJira(
      payloads(['a', 'b']),
      opts({ sleep: async (ms) => void waits.push(ms) }),
    );
    expect(waits).toEqual([1000, 1000]);
    expect(r.stopped).toBeNull();
    expect(r.created).toHaveLength(2);
    expect(jira.issues).toHaveLength(2);
  });

  it('really sleeps for Retry-After when no sleep is injected', async () => {
    jira.rateLimitNext(1, '1');
    const started = Date.now();
    const r = await pushToJira(payloads(['a']), opts());
    expect(r.created).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up after the retry bound, or at once when Retry-After is beyond the limit', async () => {
    jira.rateLimitNext(10, '1');
    const bounded = await pushToJira(
      payloads(['a']),
      opts({ sleep: async () => {}, maxRetries: 2 }),
    );
    expect(bounded.stopped?.code).toBe('jira-rate-limited');
    expect(jira.requests.filter((q) => q.path.endsWith('/bulk'))).toHaveLength(3);
    jira.rateLimitNext(1, '3600');
    const tooLong = await pushToJira(
      payloads(['b']),
      opts({
        sleep: async () => {
          throw new Error('must not wait');
        },
      }),
    );
    expect(tooLong.stopped).toMatchObject({
      code: 'jira-rate-limited',
      message: expect.stringMatching(/3600 s/),
    });
  });

  it('a push retried after a lost answer adopts the issues instead of creating them twice', async () => {
    const ps = payloads(['a', 'b'], 3);
    jira.loseAnswerNext(1);
    const first = await pushToJira(ps, opts({ apiVersion: 3 }));
    expect(first.stopped?.code).toBe('jira-unreachable');
    expect(jira.issues).toHaveLength(2);
    const second = await pushToJira(ps, opts({ apiVersion: 3 }));
    expect(second.stopped).toBeNull();
    expect(second.created).toEqual([]);
    expect(second.adopted.map((a) => a.actionId).sort()).toEqual(ps.map((p) => p.actionId).sort());
    expect(second.adopted.map((a) => a.title).sort()).toEqual(['a', 'b']);
    expect(jira.issues).toHaveLength(2);
    expect(jira.requests.some((q) => q.path === '/rest/api/3/search/jql')).toBe(true);
  });

  it('cannot reach a closed port: jira-unreachable', async () => {
    const r = await pushToJira(payloads(['a']), opts({ baseUrl: 'http://127.0.0.1:9' }));
    expect(r.stopped?.code).toBe('jira-unreachable');
  });
});
