/**
 * The shape every importer returns before anything touches a board: what was read, what was
 * refused and why, and which zone was assumed, so a responder checks the file before committing.
 */
import type { EventInput } from '../board/doc.ts';

export const IMPORT_FORMATS = [
  'thehive5',
  'thehive4',
  'iris',
  'splunk',
  'elastic',
  'servicenow',
  'generic',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Names for people (UI selects, CLI help, docs). */
export const FORMAT_LABELS: Readonly<Record<ImportFormat, string>> = {
  thehive5: 'TheHive 5 (case timeline or custom events)',
  thehive4: 'TheHive 4 (task logs)',
  iris: 'DFIR-IRIS timeline',
  splunk: 'Splunk search results',
  elastic: 'Elastic / ECS documents',
  servicenow: 'ServiceNow incidents',
  generic: 'Other CSV or JSON (choose the columns)',
};

/** Which column (CSV header or JSON key, dotted for nested keys) holds each event field. */
export interface ColumnMapping {
  readonly time: string;
  readonly description: string;
  readonly phase?: string;
  readonly source?: string;
  readonly sourceId?: string;
  readonly actor?: string;
}

export interface PreviewOptions {
  /** Skip detection and read the file as this format. */
  readonly format?: ImportFormat;
  /** IANA zone or fixed offset for zone-less times (where the format does not fix one). */
  readonly zone?: string;
  /** Generic files only; without it the columns are guessed from their names. */
  readonly mapping?: ColumnMapping;
  /** Called every few thousand rows, so a worker can drive a progress bar. */
  readonly onProgress?: (rowsDone: number, totalRows: number) => void;
}

export interface Refusal {
  /** 1-based data row (CSV: the header is row 0; JSON: index + 1; JSON lines: line number). */
  readonly row: number;
  readonly reason: string;
}

export interface ImportPreview {
  readonly format: ImportFormat;
  /** The flavour found, e.g. "Splunk export stream (JSON lines)". */
  readonly variant: string;
  readonly events: readonly EventInput[];
  readonly refused: readonly Refusal[];
  /** How zone-less times were read, or null when every time carried its own offset. */
  readonly zoneNote: string | null;
  /** Other things the responder should know (truncated descriptions, recomputed durations…). */
  readonly notes: readonly string[];
  /** Rows (records, lines) in the file, whether they became events or not. */
  readonly totalRows: number;
  /** Generic files: the columns found and the mapping used, for the mapping step. */
  readonly columns?: readonly string[];
  readonly mapping?: ColumnMapping;
}

/** More rows than this are refused as a whole: a board is meant for one incident. */
export const MAX_PREVIEW_ROWS = 50_000;
export const MAX_EVENT_DESCRIPTION = 2_000;
const PROGRESS_EVERY = 2_000;

/** Accumulates one importer's result; every importer builds its preview through it. */
export class PreviewBuilder {
  readonly events: EventInput[] = [];
  readonly refused: Refusal[] = [];
  readonly notes: string[] = [];
  private zoneAssumed = 0;
  private truncated = 0;
  private repeatedHour = 0;
  private firstRepeated = '';

  constructor(
    readonly format: ImportFormat,
    readonly variant: string,
    readonly totalRows: number,
    private readonly onProgress?: (rowsDone: number, totalRows: number) => void,
  ) {}

  /** `repeatedHour`: the time fell in an hour the zone repeats (counted for a note). */
  add(event: EventInput, zoneAssumed = false, repeatedHour = false): void {
    this.events.push(event);
    if (zoneAssumed) this.zoneAssumed++;
    if (repeatedHour) {
      if (this.repeatedHour === 0) this.firstRepeated = event.time;
      this.repeatedHour++;
    }
  }

  refuse(row: number, reason: string): void {
    this.refused.push({ row, reason });
  }

  /** A description fit for the board: trimmed, cut at the board's limit (counted for a note). */
  description(text: string): string {
    const t = text.trim();
    if (t.length <= MAX_EVENT_DESCRIPTION) return t;
    this.truncated++;
    return `${t.slice(0, MAX_EVENT_DESCRIPTION - 1)}…`;
  }

  /** Reports progress after row `i` (0-based) when a step boundary is crossed. */
  tick(i: number): void {
    if (this.onProgress && (i + 1) % PROGRESS_EVERY === 0) this.onProgress(i + 1, this.totalRows);
  }

  /** The finished preview; a format that fixes its own zone words the note with `zoneNote(count)`. */
  build(zone: string | undefined, zoneNote?: (assumed: number) => string): ImportPreview {
    this.onProgress?.(this.totalRows, this.totalRows);
    const notes = [...this.notes];
    if (this.truncated > 0)
      notes.push(
        `${plural(this.truncated, 'description')} longer than ${MAX_EVENT_DESCRIPTION.toLocaleString('en')} characters cut to fit`,
      );
    if (this.repeatedHour > 0)
      notes.push(
        `${plural(this.repeatedHour, 'time')} fell in the hour repeated when daylight-saving time ended and ${this.repeatedHour === 1 ? 'was' : 'were'} read with the later (standard-time) offset, e.g. ${this.firstRepeated}; give the offset in the file if a time was in the earlier hour`,
      );
    let note: string | null = null;
    if (this.zoneAssumed > 0)
      note = zoneNote
        ? zoneNote(this.zoneAssumed)
        : `${plural(this.zoneAssumed, 'zone-less time')} read as ${zone ?? 'UTC'}`;
    return {
      format: this.format,
      variant: this.variant,
      events: this.events,
      refused: this.refused,
      zoneNote: note,
      notes,
      totalRows: this.totalRows,
    };
  }
}

/** "1 row", "3 rows". */
export const plural = (n: number, word: string) =>
  `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/**
 * What was refused, for a message: a file-level refusal (row 0 alone: empty, not text, too many
 * rows…) says the file was refused and why; otherwise "1 row was refused", "2 rows were refused".
 */
export function refusalSummary(
  refused: readonly { readonly row: number; readonly reason: string }[],
  count = refused.length,
): string {
  const only = refused[0];
  if (count === 1 && only?.row === 0) return `the file was refused: ${only.reason}`;
  return `${plural(count, 'row')} ${count === 1 ? 'was' : 'were'} refused`;
}

/** A preview with no events and one file-level refusal (row 0), e.g. an empty file. */
export function failedPreview(
  format: ImportFormat,
  variant: string,
  reason: string,
): ImportPreview {
  return {
    format,
    variant,
    events: [],
    refused: [{ row: 0, reason }],
    zoneNote: null,
    notes: [],
    totalRows: 0,
  };
}

/** The file-level refusal for a file over MAX_PREVIEW_ROWS, or null. */
export function tooManyRows(
  format: ImportFormat,
  variant: string,
  n: number,
): ImportPreview | null {
  if (n <= MAX_PREVIEW_ROWS) return null;
  return failedPreview(
    format,
    variant,
    `${n.toLocaleString('en')} rows is more than the ${MAX_PREVIEW_ROWS.toLocaleString('en')} one import may hold; split the file`,
  );
}
