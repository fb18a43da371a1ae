/**
 * Sigma rule checks, run on every keystroke in the rules panel and before every export. They
 * follow the Sigma rules specification (v2) and its JSON schema, and say which line is wrong,
 * because a responder fixing YAML needs the line, not a JSON pointer.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';

export const SIGMA_STATUSES = [
  'stable',
  'test',
  'experimental',
  'deprecated',
  'unsupported',
] as const;
export const SIGMA_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;

export interface SigmaIssue {
  /** 1-based line in the YAML; null when the problem has no place (e.g. an empty rule). */
  readonly line: number | null;
  /** Dotted path of the field, e.g. "detection.condition"; '' for the whole rule. */
  readonly path: string;
  readonly message: string;
  /** Errors make the rule invalid (a left-over placeholder too); warnings are advice. */
  readonly severity: 'error' | 'warning';
}

export interface SigmaValidation {
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
  readonly issues: readonly SigmaIssue[];
  /** The parsed rule as plain data, or null when the YAML does not parse to a mapping. */
  readonly rule: Record<string, unknown> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])$/;
/** The spec's tag form: namespace.name, lower case. */
const TAG = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;
/** ATT&CK technique tags: attack.t1558 or attack.t1558.003. */
const ATTACK_TECHNIQUE = /^attack\.t\d{4}(?:\.\d{3})?$/;
const CONDITION_WORDS = new Set(['and', 'or', 'not', 'of', 'all', 'them', '1', 'any']);
/** Text a drafted rule carries until someone replaces it. */
export const SIGMA_PLACEHOLDER = 'CHANGE-ME';

const isRealDay = (s: string) => {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates one Sigma rule's YAML text; every issue carries its line. */
export function validateSigmaRule(text: string): SigmaValidation {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const issues: SigmaIssue[] = [];
  const lineOfOffset = (offset: number) => lineCounter.linePos(offset).line;

  for (const e of doc.errors) {
    issues.push({
      line: e.linePos?.[0].line ?? null,
      path: '',
      message: `YAML: ${e.message.split('\n')[0]}`,
      severity: 'error',
    });
  }
  if (issues.length > 0) return { ok: false, issues, rule: null };

  const data: unknown = doc.toJS();
  if (!isPlainObject(data)) {
    issues.push({
      line: text.trim() === '' ? null : 1,
      path: '',
      message: 'A Sigma rule is a YAML mapping (title:, logsource:, detection: …).',
      severity: 'error',
    });
    return { ok: false, issues, rule: null };
  }

  /**
   * Line of the field at `path` (its key's line for a mapping entry, so "detection:" rather than
   * the first line under it), else of its nearest existing parent, else line 1.
   */
  const lineOf = (path: readonly (string | number)[]): number => {
    let line = 1;
    let node: unknown = doc.contents;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
        if (!pair) break;
        if (isScalar(pair.key) && pair.key.range) line = lineOfOffset(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        const range = (node as { range?: [number, number, number] } | undefined)?.range;
        if (!range) break;
        line = lineOfOffset(range[0]);
      } else break;
    }
    return line;
  };
  const add = (
    path: readonly (string | number)[],
    message: string,
    severity: SigmaIssue['severity'] = 'error',
  ) => issues.push({ line: lineOf(path), path: path.join('.'), message, severity });

  checkHeader(data, add);
  checkLists(data, add);
  checkLogsource(data, add);
  checkDetection(data, doc, add);
  // A left-over placeholder is an error, not advice: exported, the rule would match the literal
  // text CHANGE-ME and never fire. Only values count (a comment never reaches a backend), in any
  // case, since backends match case-insensitively. Every line holding one is named.
  for (const line of placeholderLines(doc, text, lineOfOffset)) {
    issues.push({
      line,
      path: '',
      message: `Replace the ${SIGMA_PLACEHOLDER} placeholder on line ${line} with what the rule should match.`,
      severity: 'error',
    });
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ok: issues.every((i) => i.severity !== 'error'), issues, rule: data };
}

/** Lines of the YAML values (not keys, not comments) that still hold the placeholder. */
function placeholderLines(
  doc: ReturnType<typeof parseDocument>,
  text: string,
  lineOfOffset: (offset: number) => number,
): number[] {
  const needle = SIGMA_PLACEHOLDER.toLowerCase();
  const lines = new Set<number>();
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || !node.range) return;
      if (!String(node.value).toLowerCase().includes(needle)) return;
      // The value's own source (a block scalar spans lines), so the line is the placeholder's.
      const [start, end] = node.range;
      const source = text.slice(start, end).toLowerCase();
      let found = false;
      for (let i = source.indexOf(needle); i !== -1; i = source.indexOf(needle, i + 1)) {
        lines.add(lineOfOffset(start + i));
        found = true;
      }
      // Written with escapes ("CHANGE\x2DME"), it is not in the source: name where the value starts.
      if (!found) lines.add(lineOfOffset(start));
    },
  });
  return [...lines].sort((a, b) => a - b);
}

type Add = (
  path: readonly (string | number)[],
  message: string,
  severity?: SigmaIssue['severity'],
) => void;

function checkHeader(r: Record<string, unknown>, add: Add): void {
  if (!('title' in r)) add([], 'title is required.');
  else if (typeof r.title !== 'string' || r.title.trim() === '')
    add(['title'], 'title must be text.');
  else if (r.title.length > 256) add(['title'], 'title must be at most 256 characters.');

  if ('id' in r) {
    if (typeof r.id !== 'string' || !UUID.test(r.id)) {
      add(['id'], 'id must be a UUID, e.g. 929a690e-bef0-4204-a928-ef5e620d6fcc.');
    } else if (!UUID_V4.test(r.id)) {
      add(['id'], 'id should be a random (version 4) UUID.', 'warning');
    }
  } else add([], 'Add an id (a UUID v4) so the rule can be referenced.', 'warning');

  if ('status' in r && !SIGMA_STATUSES.includes(r.status as never)) {
    add(['status'], `status must be one of ${SIGMA_STATUSES.join(', ')}.`);
  }
  if ('level' in r && !SIGMA_LEVELS.includes(r.level as never)) {
    add(['level'], `level must be one of ${SIGMA_LEVELS.join(', ')}.`);
  }
  for (const k of ['date', 'modified'] as const) {
    if (!(k in r)) continue;
    const v = r[k];
    if (typeof v !== 'string' || !isRealDay(v)) {
      add([k], `${k} must be a real date written YYYY-MM-DD (e.g. 2024-05-01).`);
    }
  }
  for (const k of ['description', 'author', 'license', 'name', 'taxonomy'] as const) {
    if (k in r && typeof r[k] !== 'string') add([k], `${k} must be text.`);
  }
  if (typeof r.description === 'string' && r.description.length > 65535) {
    add(['description'], 'description must be at most 65535 characters.');
  }
}

/** references, tags, falsepositives, fields: lists of unique strings with per-item rules. */
function checkLists(r: Record<string, unknown>, add: Add): void {
  const lists: readonly [string, (s: string) => string | null][] = [
    ['references', () => null],
    ['fields', () => null],
    ['falsepositives', (s) => (s.length < 2 ? 'must be at least 2 characters' : null)],
    [
      'tags',
      (s) =>
        !TAG.test(s)
          ? 'must look like namespace.name in lower case, e.g. attack.t1558.003'
          : s.startsWith('attack.t') && /^attack\.t\d/.test(s) && !ATTACK_TECHNIQUE.test(s)
            ? 'an ATT&CK technique tag is attack.tNNNN or attack.tNNNN.NNN'
            : null,
    ],
  ];
  for (const [key, itemProblem] of lists) {
    if (!(key in r)) continue;
    const v = r[key];
    if (!Array.isArray(v)) {
      add([key], `${key} must be a list (one "- item" per line).`);
      continue;
    }
    const seen = new Set<string>();
    for (const [i, item] of v.entries()) {
      if (typeof item !== 'string') {
        add([key, i], `${key} items must be text.`);
        continue;
      }
      const p = itemProblem(item);
      if (p) add([key, i], `${key}: "${item}" ${p}.`);
      if (seen.has(item)) add([key, i], `${key}: "${item}" is listed twice.`);
      seen.add(item);
    }
  }
  if (Array.isArray(r.tags) && r.tags.length === 0) {
    add(['tags'], 'Add at least one ATT&CK tag, e.g. attack.credential-access.', 'warning');
  }
}

function checkLogsource(r: Record<string, unknown>, add: Add): void {
  if (!('logsource' in r)) return void add([], 'logsource is required.');
  const ls = r.logsource;
  if (!isPlainObject(ls)) return void add(['logsource'], 'logsource must be a mapping.');
  for (const k of ['category', 'product', 'service', 'definition']) {
    if (k in ls && typeof ls[k] !== 'string') add(['logsource', k], `logsource.${k} must be text.`);
  }
  if (!['category', 'product', 'service'].some((k) => typeof ls[k] === 'string')) {
    add(['logsource'], 'logsource needs a category, a product or a service.');
  }
}

function checkDetection(
  r: Record<string, unknown>,
  doc: ReturnType<typeof parseDocument>,
  add: Add,
): void {
  if (!('detection' in r)) return void add([], 'detection is required.');
  const det = r.detection;
  if (!isPlainObject(det)) return void add(['detection'], 'detection must be a mapping.');
  const ids = Object.keys(det).filter((k) => k !== 'condition' && k !== 'timeframe');
  for (const id of ids) {
    const node = doc.getIn(['detection', id], true);
    if (!isMap(node) && !isSeq(node)) {
      add(['detection', id], `detection.${id} must be a mapping of fields or a list of values.`);
    }
  }
  if (!('condition' in det)) return void add(['detection'], 'detection.condition is required.');
  const cond = det.condition;
  if (typeof cond !== 'string' || cond.trim() === '') {
    return void add(
      ['detection', 'condition'],
      'detection.condition must be text, e.g. selection.',
    );
  }
  if (ids.length === 0) {
    add(['detection'], 'detection needs at least one search identifier, e.g. selection.');
  }
  for (const word of cond.split(/[\s()|]+/).filter((w) => w !== '')) {
    if (CONDITION_WORDS.has(word.toLowerCase()) || /^\d+$/.test(word)) continue;
    const pattern = new RegExp(`^${word.replace(/[.+?^${}[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    if (!ids.some((id) => pattern.test(id))) {
      add(
        ['detection', 'condition'],
        `detection.condition names "${word}", which detection does not define.`,
      );
    }
  }
}
