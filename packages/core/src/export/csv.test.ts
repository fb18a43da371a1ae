/** CSV exports: formula cells neutralised, quotes and newlines kept, the timeline imports back. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addActionItem, addEvents, initBoard, readTimeline } from '../board/doc.ts';
import { boardEventKey } from '../import/dedupe.ts';
import { previewImport } from '../import/formats.ts';
import { summarisePreview } from '../import/summary.ts';
import { parseTimelineCsv } from '../import/timeline.ts';
import { actionItemsCsv, timelineCsv } from './csv.ts';
import { buildRcaExport } from './rca.ts';

const DANGEROUS = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', '\rCR'];

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 't' });
  addEvents(
    doc,
    DANGEROUS.map((d, i) => ({
      time: `2024-05-01T10:0${i}:00+02:00`,
      description: d,
      phase: 'detection' as const,
      source: '=cmd|x',
      actor: 'bob, "the admin"\nsecond line',
    })),
  );
  addActionItem(doc, { title: '=1+2', owner: '@owner', dueDate: '2024-06-01', priority: 'high' });
  return doc;
}

const parseRows = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
};

describe('CSV exports', () => {
  it('neutralises every cell that starts with = + - @ tab or CR', () => {
    const rca = buildRcaExport(board(), { room: 'r' });
    const [header, ...rows] = parseRows(timelineCsv(rca));
    expect(header).toEqual([
      'time',
      'description',
      'phase',
      'source',
      'actor',
      'time_utc',
      'id',
      'source_id',
    ]);
    expect(rows.map((r) => r[1])).toEqual(DANGEROUS.map((d) => `'${d}`));
    for (const r of rows) {
      expect(r[3]).toBe("'=cmd|x");
      expect(r[4]).toBe('bob, "the admin"\nsecond line');
    }
    const [, item] = parseRows(actionItemsCsv(rca));
    expect(item?.slice(1, 6)).toEqual(["'=1+2", "'@owner", '2024-06-01', 'high', 'open']);
  });

  it('no cell of either file starts with a formula character', () => {
    const rca = buildRcaExport(board(), { room: 'r' });
    for (const csv of [timelineCsv(rca), actionItemsCsv(rca)]) {
      for (const row of parseRows(csv)) for (const c of row) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('the timeline CSV imports back with the same times and phases', () => {
    const doc = board();
    const back = parseTimelineCsv(timelineCsv(buildRcaExport(doc, { room: 'r' })));
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.events.map((e) => [e.time, e.phase])).toEqual(
      readTimeline(doc).map((e) => [e.time, e.phase]),
    );
  });

  it('imports back into the same board as duplicates only, with the formula guards removed', () => {
    const doc = board();
    addEvents(doc, [
      {
        time: '2024-05-01T11:00:00Z',
        description: 'from IRIS',
        phase: null,
        source: 'DFIR-IRIS',
        actor: '@bob',
        sourceId: 'iris-42',
      },
    ]);
    const csv = timelineCsv(buildRcaExport(doc, { room: 'r' }));
    const p = previewImport(csv);
    expect(p).toMatchObject({ format: 'generic', variant: 'Causeway timeline export (CSV)' });
    expect(p.refused).toEqual([]);
    const onBoard = readTimeline(doc);
    const summary = summarisePreview(p, new Set(onBoard.map(boardEventKey)));
    expect(summary).toMatchObject({ toAdd: 0, duplicates: { onBoard: onBoard.length, inFile: 0 } });
    expect(p.events.map((e) => e.description).sort()).toEqual(
      onBoard.map((e) => e.description.trim()).sort(),
    );
    expect(p.events.find((e) => e.sourceId === 'iris-42')).toMatchObject({ actor: '@bob' });
    expect(p.events.every((e) => e.source === '=cmd|x' || e.source === 'DFIR-IRIS')).toBe(true);
  });

  it('an export from before source_id still imports back; a stranger CSV keeps its quotes', () => {
    const doc = board();
    const csv = timelineCsv(buildRcaExport(doc, { room: 'r' }));
    const old = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.map((r) =>
      r.slice(0, 7),
    );
    const p = previewImport(Papa.unparse(old));
    const summary = summarisePreview(p, new Set(readTimeline(doc).map(boardEventKey)));
    expect(summary.toAdd).toBe(0);
    const stranger = previewImport("time,description\n2024-05-01T10:00:00Z,'=not ours\n");
    expect(stranger.events[0]?.description).toBe("'=not ours");
  });
});
