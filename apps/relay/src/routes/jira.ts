/**
 * Creates a room's action items as Jira issues. The relay makes the calls, so the browser needs no
 * CORS permission from Jira; credentials pass through for this one request and are never stored.
 * Keys are written back into the live board batch by batch (origin causeway:integration).
 */
import {
  BoardError,
  checkJiraBaseUrl,
  type FetchLike,
  type JiraAuth,
  type JiraTarget,
  jiraBulkBodies,
  jiraPayloads,
  normaliseProjectKey,
  ORIGINS,
  pushToJira,
  updateActionItem,
} from '@causeway/core';
import type { FastifyPluginAsync } from 'fastify';
import { HttpError } from '../errors.ts';
import { readRcaExport } from './boardRead.ts';
import { errorBody, type RoomParams, roomParams } from './schemas.ts';

export interface JiraRouteOptions {
  readonly allowHttp: boolean;
}

interface JiraBody {
  readonly baseUrl: string;
  readonly auth?: { readonly email?: string; readonly token: string };
  readonly projectKey: string;
  readonly issueType: string;
  readonly apiVersion: 2 | 3;
  readonly dryRun?: boolean;
  readonly assignees?: Record<string, string>;
}

/** Every item in an answer is named by its id and its title on the board. */
const namedItem = { actionId: { type: 'string' }, title: { type: 'string' } } as const;

const keyPair = {
  type: 'object',
  properties: { ...namedItem, key: { type: 'string' } },
} as const;

const resultProps = {
  created: { type: 'array', items: keyPair },
  adopted: { type: 'array', items: keyPair },
  failed: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        ...namedItem,
        status: { type: ['integer', 'null'] },
        message: { type: 'string' },
      },
    },
  },
  alreadyLinked: { type: 'integer' },
} as const;

const REQUEST_TIMEOUT_MS = 30_000;

const timedFetch: FetchLike = (url, init) =>
  fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), redirect: 'error' });

export const jiraRoutes: FastifyPluginAsync<JiraRouteOptions> = async (app, opts) => {
  // One push per room at a time: two concurrent pushes would both see the items as unsent.
  const busy = new Set<string>();

  app.post<{ Params: RoomParams; Body: JiraBody }>(
    '/api/rooms/:room/jira',
    {
      schema: {
        params: roomParams,
        body: {
          type: 'object',
          required: ['baseUrl', 'projectKey', 'issueType', 'apiVersion'],
          additionalProperties: false,
          properties: {
            baseUrl: { type: 'string', minLength: 8, maxLength: 500 },
            auth: {
              type: 'object',
              required: ['token'],
              additionalProperties: false,
              properties: {
                email: { type: 'string', minLength: 1, maxLength: 320 },
                token: { type: 'string', minLength: 1, maxLength: 4096 },
              },
            },
            // Checked in the handler, so a lower-case key is upper-cased, not a schema message.
            projectKey: { type: 'string', minLength: 1, maxLength: 100 },
            issueType: { type: 'string', minLength: 1, maxLength: 100 },
            apiVersion: { type: 'integer', enum: [2, 3] },
            dryRun: { type: 'boolean' },
            assignees: {
              type: 'object',
              maxProperties: 500,
              additionalProperties: { type: 'string', maxLength: 200 },
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              dryRun: { type: 'boolean' },
              endpoint: { type: 'string' },
              batches: { type: 'array', items: { type: 'object', additionalProperties: true } },
              // Per item in the dry run: its title and what becomes of its owner in Jira.
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    ...namedItem,
                    assignee: { type: ['string', 'null'] },
                  },
                },
              },
              ...resultProps,
            },
          },
          400: errorBody,
          404: errorBody,
          409: errorBody,
          502: { type: 'object', properties: { ...errorBody.properties, ...resultProps } },
          503: { type: 'object', properties: { ...errorBody.properties, ...resultProps } },
        },
      },
    },
    async (req) => {
      const { room } = req.params;
      const body = req.body;
      // A dry run sends nothing to Jira, so plain http cannot leak a token there.
      const checked = checkJiraBaseUrl(body.baseUrl, opts.allowHttp || body.dryRun === true);
      if (!checked.ok) throw new HttpError('jira-url-refused', checked.reason);
      const { base } = checked;
      const project = normaliseProjectKey(body.projectKey);
      if (!project.ok) throw new HttpError('invalid-body', project.reason);
      const target: JiraTarget = {
        projectKey: project.key,
        issueType: body.issueType,
        apiVersion: body.apiVersion,
        ...(body.assignees ? { assignees: body.assignees } : {}),
      };
      const rca = await readRcaExport(app, room);
      const payloads = jiraPayloads(rca, target);
      const alreadyLinked = rca.actionItems.length - payloads.length;

      if (body.dryRun) {
        return {
          dryRun: true,
          endpoint: `${base}/rest/api/${body.apiVersion}/issue/bulk`,
          batches: jiraBulkBodies(payloads),
          items: payloads.map((p) => ({
            actionId: p.actionId,
            title: p.title,
            assignee: p.assigneeNote,
          })),
          alreadyLinked,
        };
      }
      if (!body.auth) throw new HttpError('invalid-body', 'auth is required unless dryRun is true');
      const auth: JiraAuth = body.auth.email
        ? { kind: 'basic', email: body.auth.email, token: body.auth.token }
        : { kind: 'bearer', token: body.auth.token };

      if (busy.has(room)) {
        throw new HttpError('jira-push-in-progress', `a Jira push for room ${room} is running`);
      }
      busy.add(room);
      try {
        const result = await pushToJira(payloads, {
          baseUrl: base,
          auth,
          apiVersion: body.apiVersion,
          projectKey: project.key,
          fetch: timedFetch,
          onKeys: (keys) =>
            app.rooms.withRoom(room, (live) => {
              for (const { actionId, key } of keys) {
                try {
                  updateActionItem(live.doc, actionId, { jiraKey: key }, ORIGINS.integration);
                } catch (err) {
                  // Deleted on the board while Jira created it: the issue stays findable by label.
                  if (!(err instanceof BoardError)) throw err;
                  req.log.warn({ room, actionId, key }, 'action item gone before its Jira key');
                }
              }
            }),
        });
        const out = {
          dryRun: false,
          created: result.created,
          adopted: result.adopted,
          failed: result.failed,
          alreadyLinked,
        };
        if (result.stopped) {
          throw new HttpError(result.stopped.code, result.stopped.message, out);
        }
        return out;
      } finally {
        busy.delete(room);
      }
    },
  );
};
