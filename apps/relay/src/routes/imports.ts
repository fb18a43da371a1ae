/**
 * Imports from responders' tools into a live room: a preview that writes nothing, a commit that
 * writes all or nothing (and skips events already on the board), and a pull from TheHive 5.
 * The older `/timeline` route stays for Causeway's own CSV/JSON.
 */
import {
  boardKeys,
  commitImportInSteps,
  type ImportPreview,
  MAX_LISTED_REFUSALS,
  ORIGINS,
  parseTheHiveTimeline,
  previewImport,
  refusalSummary,
  summarisePreview,
} from '@causeway/core';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import type { TheHiveAllowList } from '../import/allowList.ts';
import { KeyedQueue } from '../import/keyedQueue.ts';
import { ENVELOPE_TYPE, type ImportQuery, readImportRequest } from '../import/request.ts';
import { fetchTheHiveTimeline } from '../import/thehive.ts';
import { commitStepsWithinCap } from '../limits/boardSize.ts';
import { errorBody, type RoomParams, roomParams } from './schemas.ts';

export interface ImportRouteOptions {
  /** The relay's upload limit: the largest file, and the largest answer TheHive may send. */
  readonly maxUploadBytes: number;
  readonly upstreamTimeoutMs: number;
  readonly theHive: TheHiveAllowList;
}

const FILE_TYPES = [
  'text/csv',
  'text/plain',
  'application/json',
  'application/x-ndjson',
  ENVELOPE_TYPE,
];

const rowList = {
  type: 'array',
  items: {
    type: 'object',
    properties: { row: { type: 'integer' }, reason: { type: 'string' } },
  },
} as const;

const refusedBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    rows: rowList,
    refusedCount: { type: 'integer' },
  },
} as const;

const sampleEvent = {
  type: 'object',
  properties: {
    time: { type: 'string' },
    description: { type: 'string' },
    phase: { type: ['string', 'null'] },
    source: { type: 'string' },
    sourceId: { type: 'string' },
    actor: { type: 'string' },
    recordedTime: { type: 'string' },
  },
} as const;

const duplicates = {
  type: 'object',
  properties: { onBoard: { type: 'integer' }, inFile: { type: 'integer' } },
} as const;

const previewAnswer = {
  type: 'object',
  properties: {
    format: { type: 'string' },
    variant: { type: 'string' },
    totalRows: { type: 'integer' },
    parsed: { type: 'integer' },
    refused: rowList,
    refusedCount: { type: 'integer' },
    zoneNote: { type: ['string', 'null'] },
    notes: { type: 'array', items: { type: 'string' } },
    duplicates,
    toAdd: { type: 'integer' },
    sample: { type: 'array', items: sampleEvent },
    columns: { type: 'array', items: { type: 'string' } },
    mapping: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

const committedAnswer = {
  type: 'object',
  properties: {
    added: { type: 'integer' },
    lastEventId: { type: ['string', 'null'] },
    duplicates,
    format: { type: 'string' },
    variant: { type: 'string' },
    zoneNote: { type: ['string', 'null'] },
    notes: { type: 'array', items: { type: 'string' } },
  },
} as const;

const importQuery = {
  type: 'object',
  properties: {
    format: { type: 'string', maxLength: 32 },
    zone: { type: 'string', minLength: 1, maxLength: 64 },
    mapping: { type: 'string', maxLength: 2000 },
    // Bounded here, then trimmed and capped to PROGRESS_NAME_CHARS (progressName).
    label: { type: 'string', maxLength: 2000 },
    by: { type: 'string', maxLength: 2000 },
  },
} as const;

async function requireRoom(app: FastifyInstance, room: string): Promise<void> {
  if (!(await app.storage.hasRoom(room)) && !app.rooms.get(room))
    throw new HttpError('room-not-found', `room ${room} has never been stored`);
}

/** The preview as the API answers it: counts, the first refusals and a sample, not 50,000 events. */
async function previewAnswerFor(app: FastifyInstance, room: string, preview: ImportPreview) {
  const existing = await app.rooms.withRoom(room, (live) => boardKeys(live.doc));
  return summarisePreview(preview, existing);
}

/** What the shared progress bar says about an import: its file or case, and who started it. */
interface ImportLabel {
  readonly label: string;
  readonly by: string;
}

/** How much of a label or a name every page's progress bar shows. */
const PROGRESS_NAME_CHARS = 120;

/** Trimmed and cut to PROGRESS_NAME_CHARS characters (code points, so no pair is split). */
function progressName(value: string): string {
  const chars = Array.from(value.trim());
  return chars.length > PROGRESS_NAME_CHARS
    ? `${chars.slice(0, PROGRESS_NAME_CHARS - 1).join('')}…`
    : chars.join('');
}

/**
 * Names an import for the progress bar. With invites on, who started it is the invite's subject,
 * as in the audit log: a `by` sent by the client would let one person sign as another.
 */
function importLabel(
  app: FastifyInstance,
  req: FastifyRequest,
  label: string,
  claimedBy: string | undefined,
): ImportLabel {
  const by = app.auth.enabled ? (req.access?.subject ?? '') : (claimedBy ?? '');
  return { label: progressName(label), by: progressName(by) };
}

/**
 * One import at a time per board (each reads the board's keys before it writes: dedupe), per
 * relay: keyed by the app's room registry, which both route plugins share.
 */
const queues = new WeakMap<object, KeyedQueue>();
const importQueue = (app: FastifyInstance): KeyedQueue => {
  let queue = queues.get(app.rooms);
  if (!queue) {
    queue = new KeyedQueue();
    queues.set(app.rooms, queue);
  }
  return queue;
};

/** Commits all or nothing; refused rows become 400 invalid-rows listing them. */
async function commit(
  app: FastifyInstance,
  room: string,
  preview: ImportPreview,
  named: ImportLabel,
) {
  // Slices are written on a copy, yielding between them, then applied to the live room in one
  // pass: its update handler stores them in one write before relaying them one frame each, and
  // the audit log names the request's subject.
  const result = await importQueue(app).run(room, () =>
    app.rooms.withRoom(room, (live) =>
      commitStepsWithinCap(
        live,
        app.boardSize,
        (doc) => commitImportInSteps(doc, preview, { origin: ORIGINS.import, ...named }),
        ORIGINS.import,
      ),
    ),
  );
  if (!result.ok) {
    throw new HttpError('invalid-rows', `${refusalSummary(result.refused)}; nothing was imported`, {
      rows: result.refused.slice(0, MAX_LISTED_REFUSALS),
      refusedCount: result.refused.length,
    });
  }
  return {
    added: result.added,
    // The page waits for this event (in the last slice) before it says the import landed.
    lastEventId: result.ids.at(-1) ?? null,
    duplicates: result.duplicates,
    format: preview.format,
    variant: preview.variant,
    zoneNote: preview.zoneNote,
    notes: preview.notes,
  };
}

const fileRoutes: FastifyPluginAsync<ImportRouteOptions> = async (app, opts) => {
  // Encapsulated: here every accepted type arrives as the file's text, JSON included, because the
  // importer (not Fastify) decides what a JSON file means.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  const routeOptions = {
    bodyLimit: opts.maxUploadBytes,
    schema: {
      params: roomParams,
      querystring: importQuery,
      response: {
        200: previewAnswer,
        201: committedAnswer,
        400: refusedBody,
        401: errorBody,
        403: errorBody,
        404: errorBody,
        413: errorBody,
        415: errorBody,
      },
    },
  };
  type Req = { Params: RoomParams; Querystring: ImportQuery; Body: string };

  const read = (req: { headers: Record<string, unknown>; body: string; query: ImportQuery }) => {
    const request = readImportRequest(
      String(req.headers['content-type'] ?? ''),
      req.body,
      req.query,
    );
    return previewImport(request.text, request.options);
  };

  app.post<Req>('/api/rooms/:room/import/preview', routeOptions, async (req) => {
    await requireRoom(app, req.params.room);
    return previewAnswerFor(app, req.params.room, read(req));
  });

  app.post<Req>('/api/rooms/:room/import', routeOptions, async (req, reply) => {
    await requireRoom(app, req.params.room);
    const named = importLabel(app, req, req.query.label ?? '', req.query.by);
    return reply.code(201).send(await commit(app, req.params.room, read(req), named));
  });
};

interface PullBody {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly caseId: string;
  readonly preview?: boolean;
  /** Who pulls it, for the shared progress bar. */
  readonly by?: string;
}

const theHiveRoutes: FastifyPluginAsync<ImportRouteOptions> = async (app, opts) => {
  app.post<{ Params: RoomParams; Body: PullBody }>(
    '/api/rooms/:room/import/thehive',
    {
      schema: {
        params: roomParams,
        body: {
          type: 'object',
          required: ['baseUrl', 'apiKey', 'caseId'],
          additionalProperties: false,
          properties: {
            baseUrl: { type: 'string', minLength: 1, maxLength: 2000 },
            apiKey: { type: 'string', minLength: 1, maxLength: 500 },
            caseId: { type: 'string', minLength: 1, maxLength: 200 },
            preview: { type: 'boolean' },
            by: { type: 'string', maxLength: 2000 },
          },
        },
        response: {
          200: previewAnswer,
          201: committedAnswer,
          400: refusedBody,
          401: errorBody,
          403: errorBody,
          404: errorBody,
          413: errorBody,
          502: errorBody,
          504: errorBody,
        },
      },
    },
    async (req, reply) => {
      const { room } = req.params;
      await requireRoom(app, room);
      const value = await fetchTheHiveTimeline(req.body, {
        timeoutMs: opts.upstreamTimeoutMs,
        maxBytes: opts.maxUploadBytes,
        allow: opts.theHive,
      });
      const preview = parseTheHiveTimeline(value);
      if (req.body.preview) return previewAnswerFor(app, room, preview);
      const named = importLabel(app, req, `TheHive case ${req.body.caseId}`, req.body.by);
      return reply.code(201).send(await commit(app, room, preview, named));
    },
  );
};

/** The import routes: file preview and commit, and the TheHive pull. */
export const importRoutes: FastifyPluginAsync<ImportRouteOptions> = async (app, opts) => {
  await app.register(fileRoutes, opts);
  await app.register(theHiveRoutes, opts);
};
