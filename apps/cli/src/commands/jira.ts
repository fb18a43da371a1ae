/**
 * `causeway jira push <source>`: create the action items as Jira issues. Against a board URL the
 * relay does the push (and writes the keys into the live board); on a file the CLI calls Jira and
 * writes the keys back into that file after every batch, so a re-run never creates an issue twice.
 */
import { writeFileSync } from 'node:fs';
import {
  checkJiraBaseUrl,
  type FetchLike,
  type JiraAuth,
  type JiraPushResult,
  type JiraTarget,
  jiraBulkBodies,
  jiraPayloads,
  normaliseProjectKey,
  ORIGINS,
  pushToJira,
  updateActionItem,
} from '@causeway/core';
import { type Backup, type BoardBackup, boardState } from '@causeway/relay';
import type { Command } from 'commander';
import * as Y from 'yjs';
import { CliError, EXIT } from '../exit.ts';
import { emit, type Io } from '../io.ts';
import { fromUserDir, tokenFrom } from '../paths.ts';
import { callRelay, relayMessage } from '../relay.ts';
import { type BoardFile, parseSource, readBoardFile } from '../source.ts';

interface PushOpts {
  readonly baseUrl: string;
  readonly project: string;
  readonly issueType: string;
  readonly api: string;
  readonly email?: string;
  readonly tokenEnv: string;
  readonly assignee: string[];
  readonly dryRun?: boolean;
  readonly token?: string;
}

const collect = (v: string, acc: string[]) => [...acc, v];

function assignees(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new CliError(EXIT.usage, `--assignee takes owner=jiraUser, got ${p}`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

interface DryRunItem {
  readonly title: string;
  readonly assignee: string | null;
}

/** Dry run, on stderr: per item what becomes of its owner (a Cloud owner without accountId is
 * left unassigned, a Server owner's text is sent as a user name). */
function ownerNotes(io: Io, items: readonly DryRunItem[]): void {
  for (const i of items) if (i.assignee) io.err(`"${i.title}": ${i.assignee}`);
}

/** Writes keys into the file the items came from: the JSON export, or the board in the backup. */
function fileWriter(path: string, file: BoardFile) {
  if (file.kind === 'json') {
    const items = file.rca.actionItems.map((a) => ({ ...a }));
    return (keys: readonly { actionId: string; key: string }[]) => {
      for (const k of keys) {
        const item = items.find((a) => a.id === k.actionId);
        if (item) item.jiraKey = k.key;
      }
      writeFileSync(path, `${JSON.stringify({ ...file.rca, actionItems: items }, null, 2)}\n`);
    };
  }
  const backup = file.backup as Backup;
  const board = backup.boards.find((b) => b.room === file.rca.room) as BoardBackup;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, boardState(board));
  return (keys: readonly { actionId: string; key: string }[]) => {
    for (const k of keys)
      updateActionItem(doc, k.actionId, { jiraKey: k.key }, ORIGINS.integration);
    const state = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
    const boards = backup.boards.map((b) => (b === board ? { ...b, state } : b));
    writeFileSync(path, JSON.stringify({ ...backup, boards }));
  };
}

/** An item as the board shows it (the id only when an older relay sent no title). */
const named = (i: { readonly actionId: string; readonly title?: string }) =>
  `"${i.title?.trim() || i.actionId}"`;

/**
 * Prints what the push did, naming every item by its board title, and throws the exit code:
 * 3 when Jira was unreachable, 1 for any other stop or refused item.
 */
function outcome(
  io: Io,
  r: Pick<JiraPushResult, 'created' | 'adopted' | 'failed'> & { readonly alreadyLinked: number },
  stop: { code: string; message: string } | null,
): void {
  io.err(
    `created ${r.created.length}, adopted ${r.adopted.length} already in Jira, refused ${r.failed.length}, skipped ${r.alreadyLinked} already linked`,
  );
  for (const c of r.created) io.err(`  created ${named(c)} → ${c.key}`);
  for (const a of r.adopted) io.err(`  adopted ${named(a)} → ${a.key}`);
  for (const f of r.failed) io.err(`  refused ${named(f)}: ${f.message}`);
  if (stop)
    throw new CliError(
      stop.code === 'jira-unreachable' ? EXIT.connection : EXIT.refused,
      `${stop.code}: ${stop.message}`,
    );
  if (r.failed.length > 0)
    throw new CliError(EXIT.refused, `${r.failed.length} action item(s) were refused by Jira`);
}

/** Adds `jira push`. */
export function registerJira(program: Command, io: Io): void {
  const jira = program.command('jira').description('Jira integration');
  jira
    .command('push')
    .description('create the action items that have no Jira key as Jira issues')
    .argument('<source>', 'an RCA export (.json), a backup (Yjs state), or a board URL')
    .requiredOption('--base-url <url>', 'Jira base URL, e.g. https://acme.atlassian.net')
    .requiredOption('--project <key>', 'project key, e.g. SEC')
    .option('--issue-type <name>', 'issue type name', 'Task')
    .option('--api <version>', '2 (Server/Data Center) or 3 (Cloud)', '3')
    .option(
      '--email <email>',
      'account email for basic auth (Cloud); omit for a bearer token (PAT)',
    )
    .option('--token-env <name>', 'environment variable holding the API token', 'JIRA_API_TOKEN')
    .option('--assignee <owner=user>', 'map a board owner to a Jira user (repeatable)', collect, [])
    .option('--dry-run', 'print the bulk-create bodies; send nothing')
    .option(
      '--token <token>',
      'an editor invite for a board URL when the relay checks them (or CAUSEWAY_TOKEN)',
    )
    .action(async (sourceArg: string, opts: PushOpts) => {
      if (opts.api !== '2' && opts.api !== '3')
        throw new CliError(EXIT.usage, '--api must be 2 or 3');
      const project = normaliseProjectKey(opts.project);
      if (!project.ok) throw new CliError(EXIT.usage, `--project: ${project.reason}`);
      const projectKey = project.key;
      const apiVersion = opts.api === '2' ? 2 : 3;
      const token = process.env[opts.tokenEnv];
      if (!opts.dryRun && !token) {
        throw new CliError(
          EXIT.usage,
          `set the API token in $${opts.tokenEnv} (never on the command line)`,
        );
      }
      const source = parseSource(sourceArg);
      const map = assignees(opts.assignee);

      if (source.kind === 'relay') {
        const url = new URL(`/api/rooms/${encodeURIComponent(source.room)}/jira`, source.base);
        const res = await callRelay(
          url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              baseUrl: opts.baseUrl,
              projectKey,
              issueType: opts.issueType,
              apiVersion,
              dryRun: opts.dryRun === true,
              ...(Object.keys(map).length > 0 ? { assignees: map } : {}),
              ...(opts.dryRun
                ? {}
                : { auth: { token, ...(opts.email ? { email: opts.email } : {}) } }),
            }),
          },
          tokenFrom(opts.token),
        );
        const body = res.body;
        if (opts.dryRun && res.status === 200) {
          const items = Array.isArray(body.items) ? (body.items as DryRunItem[]) : [];
          ownerNotes(io, items);
          return emit(io, `${JSON.stringify(body.batches, null, 2)}\n`, undefined);
        }
        if (res.status === 200 || res.status === 502 || res.status === 503) {
          emit(io, `${JSON.stringify(body, null, 2)}\n`, undefined);
          const r = body as unknown as JiraPushResult;
          const stop =
            res.status === 200 ? null : { code: String(body.error), message: String(body.message) };
          return outcome(
            io,
            {
              created: r.created ?? [],
              adopted: r.adopted ?? [],
              failed: r.failed ?? [],
              alreadyLinked: Number(body.alreadyLinked ?? 0),
            },
            stop,
          );
        }
        throw new CliError(
          EXIT.relay,
          `jira push: the relay refused (${res.status} ${relayMessage(body)})`,
        );
      }

      // Straight to Jira from here: the same https rule as the relay's, so the token is not sent
      // in clear (the relay applies its own setting to a board URL). A dry run sends nothing,
      // so plain http is fine for it.
      const checked = checkJiraBaseUrl(
        opts.baseUrl,
        opts.dryRun === true || process.env.CAUSEWAY_JIRA_ALLOW_HTTP === '1',
      );
      if (!checked.ok) throw new CliError(EXIT.usage, `--base-url: ${checked.reason}`);
      const file = readBoardFile(source.path);
      const { rca } = file;
      const target: JiraTarget = {
        projectKey,
        issueType: opts.issueType,
        apiVersion,
        assignees: map,
      };
      const payloads = jiraPayloads(rca, target);
      if (opts.dryRun) {
        ownerNotes(
          io,
          payloads.map((p) => ({ title: p.title, assignee: p.assigneeNote })),
        );
        return emit(io, `${JSON.stringify(jiraBulkBodies(payloads), null, 2)}\n`, undefined);
      }
      const auth: JiraAuth = opts.email
        ? { kind: 'basic', email: opts.email, token: token as string }
        : { kind: 'bearer', token: token as string };
      const result = await pushToJira(payloads, {
        baseUrl: checked.base,
        auth,
        apiVersion,
        projectKey,
        fetch: ((url, init) =>
          fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })) as FetchLike,
        onKeys: fileWriter(fromUserDir(source.path), file),
      });
      const alreadyLinked = rca.actionItems.length - payloads.length;
      emit(io, `${JSON.stringify({ ...result, alreadyLinked }, null, 2)}\n`, undefined);
      outcome(io, { ...result, alreadyLinked }, result.stopped);
    });
}
