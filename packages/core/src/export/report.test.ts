/**
 * Reports: every section present, and hostile text typed into any field renders literally in both
 * formats. The Markdown is parsed with `marked` to prove the document's structure is unchanged.
 */
import { lexer, parse, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem,
  addCause,
  addDetectionRule,
  addEvents,
  addPlaybookUpdate,
  addWhy,
  initBoard,
  spliceNote,
  updateMeta,
  updateWhy,
} from '../board/doc.ts';
import { draftSigmaRule } from '../sigma/draft.ts';
import { escapeMarkdownBlock, escapeMarkdownInline, markdownFence } from './escape.ts';
import { fishboneSvg } from './fishboneSvg.ts';
import { buildRcaExport } from './rca.ts';
import { reportHtml } from './reportHtml.ts';
import { reportMarkdown } from './reportMarkdown.ts';

const HOSTILE = [
  '</table><script>alert(1)</script>',
  '| x | y |',
  '# title',
  '`code` ``` fence',
  '<img src=x onerror=alert(1)>',
  '- list\n> quote\n1. one',
  '[link](javascript:alert(1)) **bold** _it_ ~~s~~ \\ &amp;',
  '    indented code',
];
const H = HOSTILE.join(' ');

function hostileBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: H, incidentId: '|INC|', severity: 'SEV1', problem: H });
  updateMeta(doc, { rootCause: H });
  addEvents(
    doc,
    HOSTILE.map((d, i) => ({
      time: `2024-05-01T0${i}:00:00Z`,
      description: d,
      phase: (['compromise', 'detection', 'triage', 'containment'] as const)[i % 4] ?? null,
      source: '|src|',
      actor: '`a`',
    })),
  );
  const w = addWhy(doc, null, H);
  const w2 = addWhy(doc, w, '# nested why');
  updateWhy(doc, w2, { isRootCause: true });
  const c = addCause(doc, 'cat-process', null, H);
  addCause(doc, 'cat-process', c, '</svg><script>x</script>');
  addActionItem(doc, { title: H, owner: '| owner |', addresses: { kind: 'why', id: w } });
  addPlaybookUpdate(doc, { playbook: H, change: H, answers: { kind: 'cause', id: c } });
  addDetectionRule(doc, { title: H, yaml: 'title: x\n```\n</pre><script>y</script>\n' });
  spliceNote(doc, 'minutes', 0, 0, HOSTILE.join('\n'));
  spliceNote(doc, 'executiveSummary', 0, 0, H);
  return doc;
}

const rca = () => buildRcaExport(hostileBoard(), { room: 'r', exportedAt: '2024-05-02T00:00:00Z' });

function walk(tokens: readonly Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t);
    const kids = (t as { tokens?: Token[] }).tokens;
    if (kids) walk(kids, visit);
    const items = (t as { items?: Token[] }).items;
    if (items) walk(items, visit);
    if (t.type === 'table') {
      const tt = t as unknown as { header: { tokens: Token[] }[]; rows: { tokens: Token[] }[][] };
      for (const h of tt.header) walk(h.tokens, visit);
      for (const r of tt.rows) for (const c of r) walk(c.tokens, visit);
    }
  }
}

describe('escaping helpers', () => {
  it('inline Markdown renders literally, whatever was typed', () => {
    for (const s of HOSTILE) {
      const html = parse(escapeMarkdownInline(s), { async: false });
      const tokens = lexer(escapeMarkdownInline(s));
      expect(
        tokens.map((t) => t.type),
        s,
      ).toEqual(['paragraph']);
      expect(html).not.toMatch(/<(script|img|a |table|h1|code|strong|em|del)/);
    }
  });

  it('blocks keep lines and start no heading, list, quote or code', () => {
    const tokens = lexer(escapeMarkdownBlock(HOSTILE.join('\n')));
    expect(tokens.map((t) => t.type)).toEqual(['paragraph']);
  });

  it('fences outgrow any backtick run inside the code', () => {
    const tokens = lexer(markdownFence('a ``` b\n````\n'));
    expect(tokens.map((t) => t.type)).toEqual(['code']);
    expect((tokens[0] as { text: string }).text).toBe('a ``` b\n````');
  });
});

describe('Markdown report', () => {
  it('has every section, and hostile text changes none of its structure', () => {
    const md = reportMarkdown(rca());
    const tokens = lexer(md);
    const headings = tokens.filter((t) => t.type === 'heading') as {
      depth: number;
      text: string;
    }[];
    expect(headings.filter((h) => h.depth === 2).map((h) => h.text)).toEqual([
      'Executive summary',
      'Incident summary',
      'Timeline',
      'Metrics',
      '5 Whys',
      'Fishbone',
      'Root cause',
      'Action items',
      'Playbook updates',
      'Detection rules',
      'Meeting minutes',
    ]);
    expect(headings.filter((h) => h.depth === 1)).toHaveLength(1);
    const tables = tokens.filter((t) => t.type === 'table') as unknown as {
      header: unknown[];
      rows: unknown[][];
    }[];
    // timeline, metrics, action items, playbook updates
    expect(tables.map((t) => [t.header.length, t.rows.length])).toEqual([
      [6, HOSTILE.length],
      [3, 5],
      [7, 1],
      [4, 1],
    ]);
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.header.length);
    expect(tokens.filter((t) => t.type === 'code')).toHaveLength(1);
    const kinds = new Set<string>();
    walk(tokens, (t) => kinds.add(t.type));
    expect(kinds.has('html')).toBe(false);
    expect(kinds.has('codespan')).toBe(false);
    expect(kinds.has('link')).toBe(false);
    const html = parse(md, { async: false });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src="x"/);
    // The text survives: a reader sees exactly what was typed.
    expect(html).toContain('&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows the 5 Whys as a nested list with the root cause marked, and the fishbone twice', () => {
    const md = reportMarkdown(rca());
    expect(md).toMatch(/\n- .+\n {2}- \\# nested why \*\*\(root cause\)\*\*/);
    expect(md).toContain('![Fishbone diagram](data:image/svg+xml;charset=utf-8,');
    expect(md).toContain('### Process');
  });
});

describe('URLs in user and imported text', () => {
  const URLS = [
    'https://evil.example/payload?id=1',
    'HTTP://EVIL.EXAMPLE/X',
    'ftp://files.example/a',
    'www.evil.example/login',
    'WWW.Evil.example',
    'alice@example.com',
    'mailto:bob@example.com',
  ];
  const report = () => {
    const doc = new Y.Doc();
    const all = URLS.join(' ');
    initBoard(doc, { title: all, incidentId: '', severity: 'SEV3', problem: all });
    updateMeta(doc, { rootCause: URLS.join('\n') });
    addEvents(
      doc,
      URLS.map((u, i) => ({
        time: `2024-05-01T0${i}:00:00Z`,
        description: `Beacon to ${u}`,
        source: u,
        actor: u,
      })),
    );
    addWhy(doc, null, all);
    addCause(doc, 'cat-process', null, all);
    return reportMarkdown(buildRcaExport(doc, { room: 'r', exportedAt: '2024-05-02T00:00:00Z' }));
  };

  it('render as plain text in a GFM renderer, never as links', () => {
    const md = report();
    // Without the escapes GFM's autolink extension linked every one of these.
    expect(parse(URLS.join(' '), { async: false, gfm: true })).toMatch(/<a /);
    const html = parse(md, { async: false, gfm: true });
    expect(html).not.toMatch(/<a /);
    const kinds = new Set<string>();
    walk(lexer(md, { gfm: true }), (t) => kinds.add(t.type));
    expect(kinds.has('link')).toBe(false);
    // A reader still sees each address exactly as it was imported.
    const shown = html.replace(/<[^>]+>/g, '');
    for (const u of URLS) expect(shown.split(u).length - 1, u).toBeGreaterThanOrEqual(6);
  });
});

describe('timeline times', () => {
  // One source in UTC, one at +02:00: by their own clocks 12:00 sits between 10:00:00 and 10:00:05.
  const mixed = () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 't', incidentId: '', severity: 'SEV3', problem: '' });
    addEvents(doc, [
      { time: '2024-04-30T10:00:00Z', description: 'first' },
      { time: '2024-04-30T12:00:00+02:00', description: 'second' },
      { time: '2024-04-30T10:00:05Z', description: 'third' },
    ]);
    return buildRcaExport(doc, { room: 'r', exportedAt: '2024-05-02T00:00:00Z' });
  };

  it('Markdown shows each event in UTC beside the time as recorded', () => {
    const table = lexer(reportMarkdown(mixed())).find((t) => t.type === 'table') as unknown as {
      header: { text: string }[];
      rows: { text: string }[][];
    };
    expect(table.header.slice(0, 2).map((h) => h.text)).toEqual([
      'Time (UTC)',
      'Time (as recorded)',
    ]);
    expect(table.rows.map((r) => [r[0]?.text, r[1]?.text, r[3]?.text])).toEqual([
      ['2024-04-30T10:00:00Z', '2024-04-30T10:00:00Z', 'first'],
      ['2024-04-30T10:00:00Z', '2024-04-30T12:00:00+02:00', 'second'],
      ['2024-04-30T10:00:05Z', '2024-04-30T10:00:05Z', 'third'],
    ]);
  });

  it('HTML puts the UTC time first in the cell and the recorded time under it when they differ', () => {
    const html = reportHtml(mixed());
    expect(html).toContain('<td class="when">2024-04-30T10:00:00Z</td><td class="nowrap">');
    expect(html).toContain('<td class="when">2024-04-30T10:00:00Z\n2024-04-30T12:00:00+02:00</td>');
  });
});

describe('HTML report', () => {
  const html = reportHtml(rca());

  it('is one document with a no-script policy, and no user text became markup', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('content="default-src &#39;none&#39;; style-src');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html.match(/<table>/g)?.length).toBe(html.match(/<\/table>/g)?.length);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html.match(/<\/svg>/g)).toHaveLength(1);
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(html.match(/<\/pre>/g)).toHaveLength(1);
    expect(html).toContain('&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('has every section in order', () => {
    const h2 = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'Executive summary',
      'Incident summary',
      'Timeline',
      'Metrics',
      '5 Whys',
      'Fishbone',
      'Root cause',
      'Action items',
      'Playbook updates',
      'Detection rules',
      'Meeting minutes',
    ]);
    expect(html).toContain('detection − compromise: from the earliest event tagged compromise');
    expect(html).toMatch(/Sigma check: <span class="bad">\d+ errors?/);
  });

  it('keeps one-word cells (due, priority, status, Jira key) whole beside long text', () => {
    // overflow-wrap: anywhere let a narrow Status column break "proposed" into "propose d".
    expect(html).toContain('<td class="nowrap">proposed</td>');
    expect(html).toContain('<td class="nowrap">medium</td><td class="nowrap">open</td>');
    expect(html).toMatch(/td\.nowrap \{ white-space: nowrap; \}/);
  });
});

describe('fishbone SVG', () => {
  it('draws every category and cause, escaped, with the full text in a title', () => {
    const svg = fishboneSvg(rca().fishbone);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;/svg&gt;&lt;script&gt;x&lt;/script&gt;');
    for (const name of ['People', 'Process', 'Technology', 'Third parties'])
      expect(svg).toContain(name);
    expect(svg.match(/<svg /g)).toHaveLength(1);
  });

  it('grows to fit many causes', () => {
    const small = fishboneSvg({ head: 'P', categories: [{ id: 'c', name: 'A', causes: [] }] });
    const causes = Array.from({ length: 30 }, (_, i) => ({
      id: `x${i}`,
      text: `cause ${i}`,
      evidence: [],
      subCauses: [],
    }));
    const big = fishboneSvg({ head: 'P', categories: [{ id: 'c', name: 'A', causes }] });
    const height = (s: string) => Number(/height="(\d+)"/.exec(s)?.[1]);
    expect(height(big)).toBeGreaterThan(height(small) + 29 * 20);
  });
});

describe('a drafted rule still holding its placeholder', () => {
  it('is reported as an error naming the line to replace, not as valid', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'B' });
    const yaml = draftSigmaRule({
      basis: 'RC4 tickets',
      boardTitle: 'B',
      incidentId: '',
      author: 'a',
      date: '2024-05-01',
    });
    addDetectionRule(doc, { title: 'draft', yaml });
    const line = yaml.split('\n').findIndex((l) => l.includes('CHANGE-ME')) + 1;
    const md = reportMarkdown(buildRcaExport(doc, { room: 'r' }));
    expect(md).toContain(
      `Sigma check: 1 error (first: line ${line}: Replace the CHANGE-ME placeholder on line ${line}`,
    );
  });
});
