import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEvent, initBoard, readImportsInProgress, readTimeline } from '../board/doc.ts';
import { formatFixture, timelineCsv } from '../testing/fixtures.ts';
import { generateFile } from '../testing/generate.ts';
import { boardKeys, commitImport } from './commit.ts';
import { splitDuplicates } from './dedupe.ts';
import { previewImport } from './formats.ts';

const board = () => {
  const doc = new Y.Doc();
  initBoard(doc, { title: 't' });
  return doc;
};

describe('committing an import', () => {
  it('adds every event once; re-importing the same file adds nothing and says why', () => {
    const doc = board();
    const preview = previewImport(formatFixture('servicenow_incident_table_api_v2.json'));
    const first = commitImport(doc, preview);
    expect(first).toMatchObject({ ok: true, added: 3, duplicates: { onBoard: 0, inFile: 0 } });
    const again = commitImport(
      doc,
      previewImport(formatFixture('servicenow_incident_table_api_v2.json')),
    );
    expect(again).toMatchObject({ ok: true, added: 0, duplicates: { onBoard: 3, inFile: 0 } });
    expect(readTimeline(doc).map((e) => e.sourceId)).toEqual([
      '1c741bd70b2322007518478d83673af3:opened_at',
      '1c741bd70b2322007518478d83673af3:resolved_at',
      '1c741bd70b2322007518478d83673af3:closed_at',
    ]);
  });

  it('recognises id-less rows by instant, source and description', () => {
    const doc = board();
    const csv = timelineCsv('circleci_2023_01_04_security_incident');
    expect(commitImport(doc, previewImport(csv))).toMatchObject({ added: 11 });
    const [first] = readTimeline(doc);
    expect(first?.sourceId).toBe('');
    // A hand-typed event with the same content as a row counts as already there.
    addEvent(doc, { time: '2030-01-01T00:00:00Z', description: 'typed by hand' });
    const eol = csv.includes('\r\n') ? '\r\n' : '\n';
    const withTyped = `${csv.trim()}${eol}2030-01-01T00:00:00+00:00,typed by hand,${eol}`;
    expect(commitImport(doc, previewImport(withTyped))).toMatchObject({
      added: 0,
      duplicates: { onBoard: 12 },
    });
  });

  it('counts rows repeated inside one file and keeps the first', () => {
    const line =
      '{"preview":false,"result":{"_time":"2024-04-30T10:00:00Z","_raw":"same","host":"h"}}';
    const split = splitDuplicates(previewImport(`${line}\n${line}`).events, new Set());
    expect(split).toMatchObject({ onBoard: 0, inFile: 1 });
    expect(split.fresh).toHaveLength(1);
  });

  it('adds nothing when any row was refused', () => {
    const doc = board();
    const preview = previewImport('time,description\n2024-01-01T00:00:00Z,ok\nnot a time,bad\n');
    expect(commitImport(doc, preview)).toEqual({
      ok: false,
      refused: [{ row: 2, reason: expect.stringMatching(/^time: /) }],
    });
    expect(readTimeline(doc)).toEqual([]);
  });

  it('commits 50,000 events in slices of 2,000, then finds them all as duplicates', () => {
    const doc = board();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const preview = previewImport(generateFile('thehive4', 50_000));
    expect(commitImport(doc, preview)).toMatchObject({ ok: true, added: 50_000 });
    expect(transactions).toBe(25);
    expect(boardKeys(doc).size).toBe(50_000);
    expect(commitImport(doc, preview)).toMatchObject({ added: 0, duplicates: { onBoard: 50_000 } });
    expect(transactions).toBe(25);
  });
});

describe('a large import, written in slices', () => {
  const ids = (doc: Y.Doc) => readTimeline(doc).map((e) => e.sourceId);

  it('writes one transaction per slice, in file order, each advancing a shared progress record the last clears', () => {
    const doc = board();
    const seen: unknown[] = [];
    doc.on('afterTransaction', () => seen.push(readImportsInProgress(doc)));
    const preview = previewImport(generateFile('thehive4', 5_000));
    const result = commitImport(doc, preview, { sliceSize: 2_000, label: 'logs.json', by: 'Ada' });
    expect(result).toMatchObject({ ok: true, added: 5_000 });
    const progress = (added: number) => [
      { id: expect.stringMatching(/^imp/), label: 'logs.json', by: 'Ada', total: 5_000, added },
    ];
    expect(seen).toEqual([progress(2_000), progress(4_000), []]);
    // Same-instant rows would keep file order too: each slice is added after the one before.
    expect(ids(doc)).toEqual(preview.events.map((e) => e.sourceId));
  });

  it('a one-slice import leaves no progress record behind', () => {
    const doc = board();
    let transactions = 0;
    doc.on('afterTransaction', () => {
      transactions++;
      expect(readImportsInProgress(doc)).toEqual([]);
    });
    commitImport(doc, previewImport(generateFile('thehive4', 10)), { sliceSize: 2_000 });
    expect(transactions).toBe(1);
  });

  it('skips duplicates across slices: on the board, repeated in the file, or in an overlapping file', () => {
    const doc = board();
    const first = previewImport(generateFile('thehive4', 3_000));
    commitImport(doc, first, { sliceSize: 1_000 });
    // 2,000 already on the board, 2,000 new; the file repeats its last row.
    const bigger = previewImport(generateFile('thehive4', 5_000));
    const repeated = {
      ...bigger,
      events: [...bigger.events.slice(1_000), ...bigger.events.slice(-1)],
    };
    const result = commitImport(doc, repeated, { sliceSize: 700 });
    expect(result).toMatchObject({ added: 2_000, duplicates: { onBoard: 2_000, inFile: 1 } });
    expect(new Set(ids(doc)).size).toBe(5_000);
    expect(readTimeline(doc)).toHaveLength(5_000);
    expect(readImportsInProgress(doc)).toEqual([]);
  });

  it('writes nothing at all, not even a progress record, when one row of a large file is refused', () => {
    const doc = board();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const rows = generateFile('generic', 5_000).split('\n');
    rows.splice(4_000, 0, 'not a time,refused row,,edr');
    const preview = previewImport(rows.join('\n'), { format: 'generic', zone: 'UTC' });
    expect(preview.refused).toHaveLength(1);
    expect(commitImport(doc, preview, { sliceSize: 1_000 })).toMatchObject({ ok: false });
    expect(transactions).toBe(0);
    expect(readTimeline(doc)).toEqual([]);
  });
});
