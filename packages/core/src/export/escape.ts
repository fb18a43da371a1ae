/**
 * Escaping for everything a person typed that ends up in a report, so that no text can break the
 * document: close a table, start a heading, open a code span, or inject markup and script.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML or SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

// Characters CommonMark/GFM give meaning anywhere in a line: emphasis, code spans, links, tables,
// strikethrough, escapes. Backslash-escaping ASCII punctuation is always literal in CommonMark.
const MD_INLINE = /[\\`*_[\]{}|~!]/g;
// What GFM's autolink extension turns into a link with no markup at all: `scheme://`, `www.` and
// an address's `@`. A backslash before that one character renders as the text typed, unlinked (GFM
// spec, marked), so a URL imported from a SIEM stays evidence instead of a click.
const MD_AUTOLINK = /:(?=\/\/)|(?<=www)\.|@/gi;
// Markup only at the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
const MD_LINE_START = /^(\s*)([#>+=-]|\d+[.)])/;

/** One line of user text as Markdown that renders literally. */
function escapeMarkdownLine(line: string): string {
  const text = line
    .trimStart() // four leading spaces would start a code block
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_INLINE, (c) => `\\${c}`)
    .replace(MD_AUTOLINK, (c) => `\\${c}`);
  return text.replace(MD_LINE_START, (_m, sp: string, mark: string) =>
    /^\d/.test(mark) ? `${sp}${mark.slice(0, -1)}\\${mark.slice(-1)}` : `${sp}\\${mark}`,
  );
}

/** Inline user text (a list item, a heading): line breaks become spaces. */
export function escapeMarkdownInline(text: string): string {
  return escapeMarkdownLine(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** A table cell: inline text that can be empty without collapsing the row. */
export function escapeMarkdownCell(text: string): string {
  const out = escapeMarkdownInline(text);
  return out === '' ? ' ' : out;
}

/** Multi-line user text as paragraphs, each line kept with a hard break. */
export function escapeMarkdownBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split('\n')
        .map(escapeMarkdownLine)
        .filter((l) => l !== '')
        .join('\\\n'),
    )
    .filter((p) => p !== '')
    .join('\n\n');
}

/** A fenced code block whose fence is longer than any backtick run inside `code`. */
export function markdownFence(code: string, info = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const body = code.endsWith('\n') ? code : `${code}\n`;
  return `${fence}${info}\n${body}${fence}`;
}
