/**
 * The one validating normaliser for import requests: the file's text and its options come either
 * raw (body = the file, options in the query) or wrapped in a JSON envelope
 * (`application/vnd.causeway.import+json`: `{text, format?, zone?, mapping?}`), which the web app
 * uses because a mapping is awkward in a query string.
 */
import {
  type ColumnMapping,
  IMPORT_FORMATS,
  type ImportFormat,
  type PreviewOptions,
} from '@causeway/core';
import { HttpError } from '../errors.ts';

export const ENVELOPE_TYPE = 'application/vnd.causeway.import+json';

/** The query parameters the import routes accept (strings, as Fastify leaves them). */
export interface ImportQuery {
  readonly format?: string;
  readonly zone?: string;
  readonly mapping?: string;
  /** For the shared progress bar: the file's name and who imports it (display text only). */
  readonly label?: string;
  readonly by?: string;
}

export interface ImportRequest {
  readonly text: string;
  readonly options: Omit<PreviewOptions, 'onProgress'>;
}

const MAPPING_KEYS = ['time', 'description', 'phase', 'source', 'sourceId', 'actor'] as const;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function format(v: unknown): ImportFormat | undefined {
  if (v === undefined || v === '' || v === 'auto') return undefined;
  if (typeof v === 'string' && (IMPORT_FORMATS as readonly string[]).includes(v))
    return v as ImportFormat;
  throw new HttpError(
    'invalid-body',
    `format must be one of ${IMPORT_FORMATS.join(', ')} (or omitted to detect it)`,
  );
}

function zone(v: unknown): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string' && v.length <= 64) return v;
  throw new HttpError(
    'invalid-body',
    'zone must be an IANA name or offset of at most 64 characters',
  );
}

/** A mapping from an object or its JSON text; only the known keys, each a column name. */
function mapping(v: unknown): ColumnMapping | undefined {
  if (v === undefined || v === '') return undefined;
  let value = v;
  if (typeof v === 'string') {
    try {
      value = JSON.parse(v);
    } catch {
      throw new HttpError(
        'invalid-body',
        'mapping must be JSON such as {"time":"ts","description":"msg"}',
      );
    }
  }
  if (!isObject(value))
    throw new HttpError('invalid-body', 'mapping must be an object of column names');
  const out: Record<string, string> = {};
  for (const k of MAPPING_KEYS) {
    const c = Object.hasOwn(value, k) ? value[k] : undefined;
    if (c === undefined || c === '' || c === null) continue;
    if (typeof c !== 'string' || c.length > 200)
      throw new HttpError(
        'invalid-body',
        `mapping.${k} must be a column name (text, at most 200 characters)`,
      );
    out[k] = c;
  }
  if (!out.time || !out.description)
    throw new HttpError(
      'invalid-body',
      'mapping must name at least the time and description columns',
    );
  return out as unknown as ColumnMapping;
}

function options(src: {
  format?: unknown;
  zone?: unknown;
  mapping?: unknown;
}): ImportRequest['options'] {
  const f = format(src.format);
  const z = zone(src.zone);
  const m = mapping(src.mapping);
  return { ...(f ? { format: f } : {}), ...(z ? { zone: z } : {}), ...(m ? { mapping: m } : {}) };
}

/** Reads an import request from its content type, body text and query. */
export function readImportRequest(
  contentType: string,
  body: string,
  query: ImportQuery,
): ImportRequest {
  if (!contentType.startsWith(ENVELOPE_TYPE)) return { text: body, options: options(query) };
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    throw new HttpError('invalid-body', 'the envelope is not valid JSON');
  }
  if (!isObject(envelope) || typeof envelope.text !== 'string')
    throw new HttpError(
      'invalid-body',
      'the envelope must be {"text": "<file content>", "format"?, "zone"?, "mapping"?}',
    );
  return {
    text: envelope.text,
    options: options({
      format: envelope.format ?? query.format,
      zone: envelope.zone ?? query.zone,
      mapping: envelope.mapping ?? query.mapping,
    }),
  };
}
