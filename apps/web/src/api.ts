/** The relay's REST API as the web app uses it (see docs/api.md). */
import type { Severity } from '@causeway/core';
import { adoptTokenFromUrl, authHeaders, storeToken } from './auth/token.ts';

export interface ApiRowError {
  readonly row: number;
  readonly reason: string;
}

/** A refused request, with the relay's code, message and per-row reasons when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly rows: readonly ApiRowError[] = [],
    /** The whole answer, for refusals that carry more (a stopped Jira push's partial lists). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The relay's `{error, message, rows?}` answer (or none) as an ApiError. */
export function apiErrorFrom(status: number, body: unknown, fallback: string): ApiError {
  const b = isObject(body) ? body : {};
  const rows = Array.isArray(b.rows)
    ? b.rows.filter(isObject).map((r) => ({ row: Number(r.row), reason: String(r.reason ?? '') }))
    : [];
  return new ApiError(
    status,
    typeof b.error === 'string' ? b.error : `http-${status}`,
    typeof b.message === 'string' ? b.message : fallback,
    rows,
    body,
  );
}

/** One JSON request to the relay; a board's requests (`room`) carry its invite token. */
export async function request(path: string, init: RequestInit, room?: string): Promise<unknown> {
  let res: Response;
  const headers = {
    ...(init.headers as Record<string, string>),
    ...(room ? authHeaders(room) : {}),
  };
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the Causeway relay. Check your connection.');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw apiErrorFrom(res.status, body, `${res.status} ${res.statusText}`);
  return body;
}

/** A board's REST path. */
export const roomPath = (room: string) => `/api/rooms/${encodeURIComponent(room)}`;

export interface NewBoard {
  readonly title: string;
  readonly incidentId: string;
  readonly severity: Severity;
  readonly problem: string;
  /** A template id from @causeway/core's BOARD_TEMPLATES; omitted for a blank board. */
  readonly template?: string;
}

/** Creates a room seeded with the board's meta; resolves to its id. */
export async function createRoom(board: NewBoard): Promise<string> {
  const body = await request('/api/rooms', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(board),
  });
  if (isObject(body) && typeof body.room === 'string') {
    // With auth on, the creator gets the board's first facilitator invite.
    if (typeof body.token === 'string') storeToken(body.room, body.token);
    return body.room;
  }
  throw new ApiError(500, 'bad-response', 'The relay did not return a room id.');
}

export type RoomCheck = 'exists' | 'missing' | 'unknown';

/**
 * Whether the relay has ever stored this room. Only a 404 `room-not-found` counts as missing:
 * an unreachable relay or any other failure is 'unknown', and the board connects anyway, so a
 * board that exists keeps working offline.
 */
export async function checkRoom(room: string): Promise<RoomCheck> {
  // With invites on, the check needs the token like any board request (else 401, and a deleted
  // board would pass for 'unknown'); an invite link's token is taken from the address bar here.
  adoptTokenFromUrl(room);
  try {
    await request(roomPath(room), { method: 'GET' }, room);
    return 'exists';
  } catch (err) {
    if (err instanceof ApiError && err.status === 404 && err.code === 'room-not-found') {
      return 'missing';
    }
    return 'unknown';
  }
}

export interface SnapshotInfo {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
}

function toSnapshot(v: unknown): SnapshotInfo | null {
  if (!isObject(v)) return null;
  const id = v.id;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  return {
    id: String(id),
    label: typeof v.label === 'string' ? v.label : '',
    createdAt: typeof v.createdAt === 'string' ? v.createdAt : '',
  };
}

export async function saveSnapshot(room: string, label: string): Promise<void> {
  await request(
    `${roomPath(room)}/snapshots`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label }),
    },
    room,
  );
}

/** The room's snapshots, newest first. */
export async function listSnapshots(room: string): Promise<SnapshotInfo[]> {
  const body = await request(`${roomPath(room)}/snapshots`, { method: 'GET' }, room);
  const arr = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.snapshots)
      ? body.snapshots
      : [];
  return arr
    .map(toSnapshot)
    .filter((s): s is SnapshotInfo => s !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const snapshotExportUrl = (room: string, id: string) =>
  `${roomPath(room)}/snapshots/${encodeURIComponent(id)}/export`;
export const boardExportUrl = (room: string) => `${roomPath(room)}/export`;

export const reportHtmlUrl = (room: string) => `${roomPath(room)}/report.html`;
export const reportMarkdownUrl = (room: string) => `${roomPath(room)}/report.md`;
export const timelineCsvUrl = (room: string) => `${roomPath(room)}/timeline.csv`;
export const actionItemsCsvUrl = (room: string) => `${roomPath(room)}/action-items.csv`;

export interface JiraRequest {
  readonly baseUrl: string;
  readonly auth?: { readonly email?: string; readonly token: string };
  readonly projectKey: string;
  readonly issueType: string;
  readonly apiVersion: 2 | 3;
  readonly dryRun: boolean;
  /** Board owner → Jira user name (v2) or accountId (v3). */
  readonly assignees?: Readonly<Record<string, string>>;
}

export interface JiraKeyedItem {
  readonly actionId: string;
  readonly title?: string;
  readonly key: string;
}

export interface JiraAnswer {
  readonly dryRun: boolean;
  readonly endpoint?: string;
  readonly batches?: readonly unknown[];
  /** Dry run: each item's title and what becomes of its owner in Jira. */
  readonly items?: readonly {
    readonly actionId: string;
    readonly title: string;
    readonly assignee: string | null;
  }[];
  readonly created?: readonly JiraKeyedItem[];
  readonly adopted?: readonly JiraKeyedItem[];
  readonly failed?: readonly {
    readonly actionId: string;
    readonly title?: string;
    readonly message: string;
  }[];
  readonly alreadyLinked?: number;
}

/** Asks the relay to push (or dry-run) the action items to Jira; the relay calls Jira itself. */
export async function pushToJira(room: string, req: JiraRequest): Promise<JiraAnswer> {
  return (await request(
    `${roomPath(room)}/jira`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(req),
    },
    room,
  )) as JiraAnswer;
}

/** Per-quarter metrics across every board (`GET /api/metrics`). */
export async function fetchTrends(from: string, to: string): Promise<unknown> {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return request(`/api/metrics?${q}`, { method: 'GET' });
}

/** What this tab may do on the board (auth on/off, role, name). */
export interface BoardAccess {
  readonly auth: 'on' | 'off';
  readonly role: 'viewer' | 'editor' | 'facilitator';
  readonly subject: string;
  /** The relay's upload limit for import files (older relays do not say). */
  readonly maxUploadBytes?: number;
}

export async function fetchAccess(room: string): Promise<BoardAccess> {
  return (await request(`${roomPath(room)}/access`, { method: 'GET' }, room)) as BoardAccess;
}

export interface InviteInfo {
  readonly id: string;
  readonly role: string;
  readonly subject: string;
  readonly expiresAt: string;
  readonly active: boolean;
}

export async function listInvites(room: string): Promise<InviteInfo[]> {
  return (await request(`${roomPath(room)}/invites`, { method: 'GET' }, room)) as InviteInfo[];
}

/** Mints an invite; resolves to its full link (token in the fragment). */
export async function mintInvite(
  room: string,
  role: string,
  subject: string,
  ttlHours: number,
): Promise<string> {
  const body = await request(
    `${roomPath(room)}/invites`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, subject, ttlHours }),
    },
    room,
  );
  const token = isObject(body) && typeof body.token === 'string' ? body.token : '';
  return `${window.location.origin}${roomPath(room).replace('/api/rooms', '/r')}#token=${token}`;
}

export async function revokeInvite(room: string, id: string): Promise<void> {
  await request(`${roomPath(room)}/invites/${encodeURIComponent(id)}`, { method: 'DELETE' }, room);
}

/** Downloads a board export with the tab's token (a plain link could not send the header). */
export async function downloadWithToken(
  room: string,
  url: string,
  filename: string,
): Promise<void> {
  const res = await fetch(url, { headers: authHeaders(room) });
  if (!res.ok) throw new ApiError(res.status, `http-${res.status}`, 'The export was refused.');
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
