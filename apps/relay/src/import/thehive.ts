/**
 * Pulling a case timeline from a TheHive 5 server: `GET {baseUrl}/api/v1/case/{caseId}/timeline`
 * with the user's API key as a Bearer token (TheHive's documented API). Every failure becomes a
 * coded HttpError whose message says what to fix; the API key never appears in one.
 */
import { HttpError } from '../errors.ts';
import { checkTheHiveBase, normaliseBaseUrl, type TheHiveAllowList } from './allowList.ts';

export interface TheHivePull {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly caseId: string;
}

export interface PullLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly allow: TheHiveAllowList;
}

/** The timeline URL under `baseUrl` (which may carry a path prefix such as /thehive). */
export function timelineUrl(base: URL, caseId: string): URL {
  return new URL(`api/v1/case/${encodeURIComponent(caseId)}/timeline`, base);
}

/** The pull's base URL, refused (400) when malformed or (403) when the allow-list excludes it. */
export function allowedBase(baseUrl: string, allow: TheHiveAllowList): URL {
  let base: URL;
  try {
    base = normaliseBaseUrl(baseUrl);
  } catch (err) {
    throw new HttpError('invalid-body', `baseUrl ${(err as Error).message}`);
  }
  checkTheHiveBase(base, allow);
  return base;
}

/** TheHive's error body is `{type, message}`; its message helps, when there is one. */
async function upstreamMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown };
    return typeof body.message === 'string' ? `: ${body.message.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

async function readCapped(res: Response, maxBytes: number, where: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes)
    throw new HttpError(
      'thehive-bad-answer',
      `${where} sent ${declared} bytes, over the ${maxBytes}-byte import limit`,
    );
  const text = await res.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new HttpError(
      'thehive-bad-answer',
      `${where} sent more than the ${maxBytes}-byte import limit`,
    );
  return text;
}

/** Fetches and parses the case timeline JSON; throws HttpError with a code for each failure. */
export async function fetchTheHiveTimeline(
  pull: TheHivePull,
  limits: PullLimits,
): Promise<unknown> {
  const url = timelineUrl(allowedBase(pull.baseUrl, limits.allow), pull.caseId);
  const where = `TheHive at ${url.origin}`;
  const seconds = `${Math.round(limits.timeoutMs / 100) / 10} s`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${pull.apiKey}`, accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError')
      throw new HttpError(
        'thehive-timeout',
        `${where} did not answer within ${seconds}; nothing was imported`,
      );
    const cause =
      err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new HttpError('thehive-unreachable', `cannot reach ${where}: ${cause}`);
  }
  if (res.status === 401)
    throw new HttpError(
      'thehive-auth-failed',
      `${where} refused the API key (401)${await upstreamMessage(res)}`,
    );
  if (res.status === 403)
    throw new HttpError(
      'thehive-auth-failed',
      `${where} does not let this API key read case timelines (403; the case.timeline capability needs a Gold or Platinum licence)${await upstreamMessage(res)}`,
    );
  if (res.status === 404)
    throw new HttpError(
      'thehive-case-not-found',
      `${where} has no case ${pull.caseId} (404)${await upstreamMessage(res)}`,
    );
  if (!res.ok)
    throw new HttpError(
      'thehive-bad-answer',
      `${where} answered ${res.status}${await upstreamMessage(res)}`,
    );
  let text: string;
  try {
    text = await readCapped(res, limits.maxBytes, where);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    if (err instanceof Error && err.name === 'TimeoutError')
      throw new HttpError(
        'thehive-timeout',
        `${where} did not finish its answer within ${seconds}; nothing was imported`,
      );
    throw new HttpError('thehive-unreachable', `${where} broke off its answer`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError('thehive-bad-answer', `${where} did not answer with JSON`);
  }
}
