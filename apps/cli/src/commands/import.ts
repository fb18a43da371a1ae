/**
 * `causeway import <file>`: preview or import a timeline file. With `--room` it goes through the
 * relay (which also counts events already on the board); `--dry-run` without `--room` reads the
 * file offline with the same importer and writes nothing anywhere.
 */
import { readFile } from 'node:fs/promises';
import {
  type ColumnMapping,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportPreview,
  plural,
  previewImport,
  type Refusal,
  refusalSummary,
} from '@causeway/core';
import { type Command, Option } from 'commander';
import { CliError, EXIT, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { fromUserDir, tokenFrom } from '../paths.ts';
import { callRelay, relayMessage } from '../relay.ts';
import { roomOption } from '../source.ts';

interface ImportFlags {
  readonly room?: string;
  readonly url: string;
  readonly token?: string;
  readonly format?: ImportFormat;
  readonly zone?: string;
  readonly mapping?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

export const DEFAULT_RELAY = 'http://127.0.0.1:4410';
/** Refused rows printed before "… and N more". */
const MAX_PRINTED = 50;

function parseMapping(raw: string | undefined): ColumnMapping | undefined {
  if (raw === undefined) return undefined;
  try {
    const m: unknown = JSON.parse(raw);
    if (typeof m === 'object' && m !== null && 'time' in m && 'description' in m)
      return m as ColumnMapping;
  } catch {
    // Reported below.
  }
  throw new CliError(
    EXIT.usage,
    '--mapping must be JSON such as \'{"time":"ts","description":"msg"}\'',
  );
}

/** A file-level refusal (empty, not text, too many rows…) is reported as row 0 alone. */
const wholeFile = (rows: readonly Refusal[], total: number) => total === 1 && rows[0]?.row === 0;

/** The refused rows, or for a file-level refusal that the file was refused and why. */
function printRefused(io: Io, file: string, rows: readonly Refusal[], total: number): void {
  if (wholeFile(rows, total)) {
    io.err(`${file}: ${refusalSummary(rows, total)}`);
    return;
  }
  for (const r of rows.slice(0, MAX_PRINTED)) io.err(`row ${r.row}: ${r.reason}`);
  if (total > MAX_PRINTED) io.err(`… and ${total - MAX_PRINTED} more refused rows`);
}

function printNotes(io: Io, body: { zoneNote?: unknown; notes?: unknown }): void {
  if (typeof body.zoneNote === 'string') io.out(`zone: ${body.zoneNote}`);
  if (Array.isArray(body.notes)) for (const n of body.notes) io.out(`note: ${String(n)}`);
}

/** Offline dry run: the core importer on the file, nothing written. */
function offline(io: Io, file: string, text: string, flags: ImportFlags): ExitCode {
  const opts = {
    ...(flags.format ? { format: flags.format } : {}),
    ...(flags.zone ? { zone: flags.zone } : {}),
  };
  const mapping = parseMapping(flags.mapping);
  const p: ImportPreview = previewImport(text, mapping ? { ...opts, mapping } : opts);
  if (flags.json) io.out(JSON.stringify({ ...p, events: p.events.slice(0, 20) }, null, 2));
  else {
    io.out(
      `${file}: ${p.variant} (${p.format}), ${plural(p.totalRows, 'row')}, ${plural(p.events.length, 'event')}, ${p.refused.length.toLocaleString('en')} refused`,
    );
    printNotes(io, p);
  }
  if (p.refused.length === 0) return EXIT.ok;
  printRefused(io, file, p.refused, p.refused.length);
  return EXIT.refused;
}

async function viaRelay(
  io: Io,
  file: string,
  text: string,
  flags: ImportFlags & { room: string },
): Promise<ExitCode> {
  const url = new URL(
    `/api/rooms/${encodeURIComponent(flags.room)}/import${flags.dryRun ? '/preview' : ''}`,
    flags.url,
  );
  if (flags.format) url.searchParams.set('format', flags.format);
  if (flags.zone) url.searchParams.set('zone', flags.zone);
  if (flags.mapping) url.searchParams.set('mapping', JSON.stringify(parseMapping(flags.mapping)));
  const { status, body } = await callRelay(
    url,
    { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text },
    tokenFrom(flags.token),
  );
  if (flags.json) io.out(JSON.stringify(body, null, 2));
  if (status === 400 && body.error === 'invalid-rows') {
    io.err(`${file} was not imported: ${String(body.message)}`);
    const rows = Array.isArray(body.rows) ? (body.rows as Refusal[]) : [];
    const total = typeof body.refusedCount === 'number' ? body.refusedCount : rows.length;
    // A file-level refusal's reason is already in the relay's message.
    if (!wholeFile(rows, total)) printRefused(io, file, rows, total);
    return EXIT.refused;
  }
  if (status >= 400)
    throw new CliError(EXIT.relay, `the relay refused the import: ${relayMessage(body)}`);
  const dup = (body.duplicates ?? {}) as { onBoard?: number; inFile?: number };
  const skipped = `${dup.onBoard ?? 0} already on the board, ${dup.inFile ?? 0} repeated in the file`;
  if (!flags.json) {
    if (flags.dryRun) {
      io.out(
        // Counts formatted like the offline dry run's ("50,000 rows", "1 event").
        `${file}: ${String(body.variant)} (${String(body.format)}), ${plural(Number(body.totalRows), 'row')}, ${plural(Number(body.parsed), 'event')}, ${Number(body.refusedCount).toLocaleString('en')} refused; would add ${Number(body.toAdd).toLocaleString('en')} (${skipped})`,
      );
    } else io.out(`${file}: added ${String(body.added)} events to ${flags.room} (${skipped})`);
    printNotes(io, body);
  }
  if (flags.dryRun && Array.isArray(body.refused) && body.refused.length > 0) {
    printRefused(io, file, body.refused as Refusal[], Number(body.refusedCount));
    return EXIT.refused;
  }
  return EXIT.ok;
}

/** Adds the `import` command; `setExit` receives its exit code. */
export function registerImport(program: Command, io: Io, setExit: (code: ExitCode) => void): void {
  program
    .command('import')
    .description(
      'preview or import a timeline file (TheHive, DFIR-IRIS, Splunk, Elastic, ServiceNow, CSV/JSON)',
    )
    .argument('<file>', 'the file to import')
    .option('--room <room>', 'the board (id or URL) to import into (required unless --dry-run)')
    .option('--url <url>', 'the relay', DEFAULT_RELAY)
    .option(
      '--token <token>',
      'an editor invite token when the relay checks them (or CAUSEWAY_TOKEN)',
    )
    .addOption(new Option('--format <format>', 'skip detection').choices(IMPORT_FORMATS))
    .option(
      '--zone <zone>',
      'IANA zone or offset for times without one, e.g. Europe/Paris or +02:00',
    )
    .option(
      '--mapping <json>',
      'generic files: {"time":"col","description":"col","phase":"col","source":"col"}',
    )
    .option('--dry-run', 'show what would be imported, write nothing (offline without --room)')
    .option('--json', 'print the answer as JSON')
    .action(async (file: string, given: ImportFlags, command: Command) => {
      const board =
        given.room === undefined
          ? undefined
          : roomOption(given.room, given.url, command.getOptionValueSource('url') === 'cli');
      const flags = board ? { ...given, room: board.room, url: board.url ?? given.url } : given;
      let text: string;
      try {
        text = await readFile(fromUserDir(file), 'utf8');
      } catch (err) {
        throw new CliError(
          EXIT.usage,
          `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      if (flags.room === undefined) {
        if (!flags.dryRun)
          throw new CliError(
            EXIT.usage,
            '--room is required to import (or use --dry-run to check the file offline)',
          );
        setExit(offline(io, file, text, flags));
        return;
      }
      setExit(await viaRelay(io, file, text, { ...flags, room: flags.room }));
    });
}
