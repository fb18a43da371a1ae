import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEvent, initBoard, readTimeline } from '../board/doc.ts';
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

  it('commits 50,000 events in one transaction, then finds them all as duplicates', () => {
    const doc = board();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const preview = previewImport(generateFile('thehive4', 50_000));
    expect(commitImport(doc, preview)).toMatchObject({ ok: true, added: 50_000 });
    expect(transactions).toBe(1);
    expect(boardKeys(doc).size).toBe(50_000);
    expect(commitImport(doc, preview)).toMatchObject({ added: 0, duplicates: { onBoard: 50_000 } });
  });
});
