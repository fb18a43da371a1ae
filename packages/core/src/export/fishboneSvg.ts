/**
 * The fishbone as a standalone SVG string (no DOM), for the printed report: head on the right,
 * categories on slanted bones alternating above and below the spine, causes as labelled ribs.
 * Each bone gets a fixed-width column, so a label, clipped to fit it, never reaches the next bone.
 */
import { escapeHtml as esc } from './escape.ts';
import type { RcaCause, RcaExport } from './rca.ts';

const COLUMN = 270;
const HEAD_WIDTH = 230;
const MARGIN = 24;
const RIB = 22;
const SLOPE = 0.45;
const MIN_BONE = 90;
const LABEL_CHARS = 34;
const RIB_LINE = 24;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

interface Rib {
  readonly text: string;
  readonly depth: number;
}

function flatten(causes: readonly RcaCause[], depth = 0): Rib[] {
  return causes.flatMap((c) => [{ text: c.text, depth }, ...flatten(c.subCauses, depth + 1)]);
}

const clip = (s: string, n: number) => {
  const t = s.replace(/\s+/g, ' ').trim() || '(empty)';
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/** Greedy word wrap into at most `lines` lines of `width` characters (the last one clipped). */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (cur === '') cur = word;
    else if (`${cur} ${word}`.length <= width) cur = `${cur} ${word}`;
    else {
      out.push(cur);
      cur = word;
    }
  }
  if (cur !== '') out.push(cur);
  if (out.length <= lines) return out.map((l) => clip(l, width));
  return [...out.slice(0, lines - 1), clip(out.slice(lines - 1).join(' '), width)];
}

/** Renders the fishbone of an RCA export as SVG markup; every label is escaped. */
export function fishboneSvg(fishbone: RcaExport['fishbone']): string {
  const cats = fishbone.categories.map((c) => ({ name: c.name, ribs: flatten(c.causes) }));
  const top = cats.filter((_, i) => i % 2 === 0);
  const bottom = cats.filter((_, i) => i % 2 === 1);
  const boneHeight = (ribs: readonly Rib[]) => Math.max(MIN_BONE, (ribs.length + 1) * RIB + 12);
  const topH = Math.max(MIN_BONE, ...top.map((c) => boneHeight(c.ribs)));
  const bottomH = Math.max(MIN_BONE, ...bottom.map((c) => boneHeight(c.ribs)));
  const columns = Math.max(1, top.length, bottom.length);
  // Long bones lean further left: the leftmost one's labels need that much more room.
  const lean = Math.max(topH, bottomH) * SLOPE;
  const width = Math.ceil(MARGIN * 2 + lean + columns * COLUMN + HEAD_WIDTH);
  const spineY = MARGIN + 28 + topH;
  const height = spineY + bottomH + 28 + MARGIN;
  const spineEnd = width - MARGIN - HEAD_WIDTH;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Fishbone diagram" font-family="${FONT}" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<line x1="${MARGIN}" y1="${spineY}" x2="${spineEnd}" y2="${spineY}" stroke="#1c2430" stroke-width="3"/>`,
  );

  const headLines = wrap(fishbone.head || 'Problem statement not set', 26, 5);
  const headH = Math.max(48, headLines.length * 16 + 20);
  parts.push(
    `<rect x="${spineEnd}" y="${spineY - headH / 2}" width="${HEAD_WIDTH - 4}" height="${headH}" rx="6" fill="#fdecec" stroke="#c23934" stroke-width="2"/>`,
    `<text x="${spineEnd + 12}" y="${spineY - headH / 2 + 22}" fill="#1c2430" font-weight="600"><title>${esc(fishbone.head)}</title>`,
    ...headLines.map(
      (l, i) => `<tspan x="${spineEnd + 12}" dy="${i === 0 ? 0 : 16}">${esc(l)}</tspan>`,
    ),
    '</text>',
  );

  const drawBone = (cat: { name: string; ribs: readonly Rib[] }, col: number, up: boolean) => {
    const h = up ? topH : bottomH;
    const dir = up ? -1 : 1;
    // Bones are placed right to left from the head, so the first category sits nearest the head.
    const baseX = spineEnd - 30 - col * COLUMN;
    const endX = baseX - h * SLOPE;
    const endY = spineY + dir * h;
    parts.push(
      `<line x1="${baseX}" y1="${spineY}" x2="${endX}" y2="${endY}" stroke="#4a5566" stroke-width="2"/>`,
      `<text x="${endX}" y="${endY + dir * 16}" text-anchor="middle" font-weight="700" font-size="13" fill="#2f5fd0"><title>${esc(cat.name)}</title>${esc(clip(cat.name, 32))}</text>`,
    );
    // Above the spine the list runs downwards towards it, so it reads top to bottom in order and a
    // sub-cause sits under its cause on both sides.
    cat.ribs.forEach((rib, i) => {
      const step = up ? cat.ribs.length - i : i + 1;
      const y = spineY + dir * (RIB * step);
      const x = baseX - Math.abs(y - spineY) * SLOPE;
      const indent = rib.depth * 14;
      const ribStart = x - RIB_LINE - indent;
      parts.push(
        `<line x1="${ribStart}" y1="${y}" x2="${x}" y2="${y}" stroke="#b9c0ca" stroke-width="1"/>`,
        `<text x="${ribStart - 4}" y="${y + 4}" text-anchor="end" fill="${rib.depth === 0 ? '#1c2430' : '#4a5566'}"${rib.depth > 0 ? ' font-size="11"' : ''}><title>${esc(rib.text)}</title>${esc(clip(rib.text, LABEL_CHARS - rib.depth * 3))}</text>`,
      );
    });
  };
  for (const [i, c] of top.entries()) drawBone(c, i, true);
  for (const [i, c] of bottom.entries()) drawBone(c, i, false);
  parts.push('</svg>');
  return parts.join('\n');
}
