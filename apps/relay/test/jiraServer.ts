/**
 * A local HTTP server that answers like Jira's documented REST API for what Causeway uses:
 * POST /rest/api/{2|3}/issue/bulk ({issues, errors[failedElementNumber]}), POST /rest/api/2/search
 * and /rest/api/3/search/jql ({issues: [{key, fields: {labels}}]}). Tests script its failures.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface JiraIssue {
  readonly key: string;
  readonly fields: Record<string, unknown>;
}

export interface FakeJira {
  readonly url: string;
  readonly issues: JiraIssue[];
  /** Every request: method, path, parsed body, authorization header. */
  readonly requests: { method: string; path: string; body: unknown; auth: string | undefined }[];
  /** Answer the next n bulk requests 429 with this Retry-After. */
  rateLimitNext(n: number, retryAfter: string): void;
  /** Create the issues but drop the connection before answering, the next n times. */
  loseAnswerNext(n: number): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c) => {
      s += c;
    });
    req.on('end', () => resolve(s));
  });

/** Starts the fake on port 0; `authorization` is the one header value it accepts. */
export async function startFakeJira(opts: {
  authorization: string;
  projectKey?: string;
}): Promise<FakeJira> {
  const issues: JiraIssue[] = [];
  const requests: FakeJira['requests'] = [];
  let limited = 0;
  let retryAfter = '1';
  let lose = 0;
  let seq = 100;
  const project = opts.projectKey ?? 'SEC';

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push({ method: req.method ?? '', path, body, auth: req.headers.authorization });
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    if (req.headers.authorization !== opts.authorization) {
      return send(401, { errorMessages: ['You are not authenticated.'], errors: {} });
    }
    const m = /^\/rest\/api\/(2|3)\/(issue\/bulk|search|search\/jql)$/.exec(path);
    if (!m || req.method !== 'POST') return send(404, { errorMessages: ['not found'], errors: {} });
    const version = m[1];
    const op = m[2];
    if ((op === 'search' && version === '3') || (op === 'search/jql' && version === '2')) {
      return send(404, { errorMessages: ['not found'], errors: {} });
    }
    if (op !== 'issue/bulk') {
      const jql = String((body as { jql?: unknown })?.jql ?? '');
      const wanted = [...jql.matchAll(/"(causeway-[^"]+)"/g)].map((x) => x[1]);
      const hits = issues.filter((i) =>
        (i.fields.labels as string[] | undefined)?.some((l) => wanted.includes(l)),
      );
      return send(200, {
        issues: hits.map((i) => ({ key: i.key, fields: { labels: i.fields.labels } })),
      });
    }
    if (limited > 0) {
      limited--;
      return send(429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': retryAfter });
    }
    const updates = (body as { issueUpdates?: { fields: Record<string, unknown> }[] })
      ?.issueUpdates;
    if (!Array.isArray(updates) || updates.length > 50) {
      return send(400, { errorMessages: ['issueUpdates must hold 1 to 50 issues'], errors: {} });
    }
    const out: { issues: unknown[]; errors: unknown[] } = { issues: [], errors: [] };
    updates.forEach((u, i) => {
      const f = u.fields;
      const projectKey = (f.project as { key?: string } | undefined)?.key;
      const summary = f.summary;
      const problems: Record<string, string> = {};
      if (projectKey !== project) problems.project = 'project is required';
      if (typeof summary !== 'string' || summary === '')
        problems.summary = 'You must specify a summary of the issue.';
      if (typeof summary === 'string' && summary.includes('REJECT'))
        problems.summary = 'Summary rejected by a workflow validator.';
      if (version === '3' && f.description !== undefined && typeof f.description === 'string') {
        problems.description = 'Operation value must be an Atlassian Document';
      }
      if (Object.keys(problems).length > 0) {
        out.errors.push({
          status: 400,
          elementErrors: { errorMessages: [], errors: problems },
          failedElementNumber: i,
        });
        return;
      }
      const id = String(++seq);
      const key = `${project}-${seq}`;
      issues.push({ key, fields: f });
      out.issues.push({ id, key, self: `http://jira.local/rest/api/${version}/issue/${id}` });
    });
    if (lose > 0) {
      lose--;
      res.socket?.destroy();
      return;
    }
    send(out.issues.length === 0 ? 400 : 201, out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    issues,
    requests,
    rateLimitNext(n, ra) {
      limited = n;
      retryAfter = ra;
    },
    loseAnswerNext(n) {
      lose = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
