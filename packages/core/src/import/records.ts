/**
 * Reading untrusted JSON records: own keys only, and `__proto__`, `constructor` and `prototype`
 * are never followed, so a crafted file cannot reach Object.prototype through a mapping.
 */

export type JsonRecord = Readonly<Record<string, unknown>>;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a plain JSON object (not null, not an array). */
export const isRecord = (v: unknown): v is JsonRecord =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for a key a mapping or a reader may use. */
export const isSafeKey = (key: string) => !FORBIDDEN.has(key);

function own(obj: JsonRecord, key: string): unknown {
  return isSafeKey(key) && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * The value at a dotted path, whether the document is nested (`{kibana:{alert:{…}}}`), flat with
 * dotted keys (`{"kibana.alert.reason": …}`, as Elastic alerts are), or a mix of both.
 */
export function field(obj: unknown, path: string): unknown {
  if (!isRecord(obj)) return undefined;
  const direct = own(obj, path);
  if (direct !== undefined) return direct;
  for (let i = path.indexOf('.'); i !== -1; i = path.indexOf('.', i + 1)) {
    const head = own(obj, path.slice(0, i));
    if (head === undefined) continue;
    const found = field(head, path.slice(i + 1));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A value as display text: strings as they are, numbers and booleans printed, lists joined. */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(text).filter(Boolean).join(', ');
  return '';
}

/** The first of `paths` with non-empty text. */
export function firstText(obj: unknown, paths: readonly string[]): string {
  for (const p of paths) {
    const t = text(field(obj, p)).trim();
    if (t) return t;
  }
  return '';
}

/** Dotted paths of the scalar (or list) values in `obj`, nested objects flattened to `depth`. */
export function keyPaths(obj: JsonRecord, depth = 3, prefix = ''): string[] {
  const out: string[] = [];
  for (const k of Object.keys(obj)) {
    if (!isSafeKey(k)) continue;
    const v = obj[k];
    const path = prefix + k;
    if (isRecord(v) && depth > 1) out.push(...keyPaths(v, depth - 1, `${path}.`));
    else out.push(path);
  }
  return out;
}

/** Parses JSON text; a syntax error becomes a reason instead of an exception. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, reason: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Lines of JSON objects (NDJSON); null when any non-blank line is not a JSON object. */
export function parseJsonLines(text: string): { line: number; value: JsonRecord }[] | null {
  const out: { line: number; value: JsonRecord }[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, l] of lines.entries()) {
    const t = l.trim();
    if (t === '') continue;
    if (!t.startsWith('{')) return null;
    const parsed = parseJson(t);
    if (!parsed.ok || !isRecord(parsed.value)) return null;
    out.push({ line: i + 1, value: parsed.value });
  }
  return out;
}

/** Strips a UTF-8 byte-order mark, which spreadsheet tools put before the header. */
export const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
