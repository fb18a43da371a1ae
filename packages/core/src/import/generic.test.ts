import { describe, expect, it } from 'vitest';
import { timelineCsv } from '../testing/fixtures.ts';
import { generateFile } from '../testing/generate.ts';
import { previewImport } from './formats.ts';
import { guessMapping } from './generic.ts';

describe('generic CSV/JSON with a column mapping', () => {
  it("guesses the mapping for Causeway's own timeline files", () => {
    const p = previewImport(timelineCsv('circleci_2023_01_04_security_incident'));
    expect(p).toMatchObject({
      format: 'generic',
      refused: [],
      mapping: { time: 'time', description: 'description', phase: 'phase' },
    });
    expect(p.events).toHaveLength(11);
    expect(guessMapping(['When', 'What'])).toBeNull();
  });

  it('uses the chosen columns and zone, across a DST change', () => {
    const csv = [
      'Horodatage;Résumé;Étape;Outil;Ref',
      '2024-10-27 01:30:00;Alerte EDR;Detection;EDR;A-1',
      '2024-10-27 03:30:00;Poste isolé;containment;EDR;A-2',
    ].join('\n');
    const p = previewImport(csv, {
      zone: 'Europe/Paris',
      mapping: {
        time: 'Horodatage',
        description: 'Résumé',
        phase: 'Étape',
        source: 'Outil',
        sourceId: 'Ref',
      },
    });
    expect(p.refused).toEqual([]);
    expect(p.events).toEqual([
      {
        time: '2024-10-27T01:30:00+02:00',
        description: 'Alerte EDR',
        phase: 'detection',
        source: 'EDR',
        actor: '',
        sourceId: 'A-1',
      },
      {
        time: '2024-10-27T03:30:00+01:00',
        description: 'Poste isolé',
        phase: 'containment',
        source: 'EDR',
        actor: '',
        sourceId: 'A-2',
      },
    ]);
    expect(p.zoneNote).toBe('2 zone-less times read as Europe/Paris');
    expect(p.columns).toEqual(['Horodatage', 'Résumé', 'Étape', 'Outil', 'Ref']);
  });

  it('says how a wall time in the hour DST repeats was read, and which offset it took', () => {
    const csv = [
      'time,description',
      '2024-11-03 01:30:00,in the repeated hour',
      '2024-11-03 01:59:00,still in it',
      '2024-11-03 03:00:00,after it',
    ].join('\n');
    const p = previewImport(csv, { zone: 'America/New_York' });
    expect(p.refused).toEqual([]);
    expect(p.events.map((e) => e.time)).toEqual([
      '2024-11-03T01:30:00-05:00',
      '2024-11-03T01:59:00-05:00',
      '2024-11-03T03:00:00-05:00',
    ]);
    expect(p.notes).toEqual([
      '2 times fell in the hour repeated when daylight-saving time ended and were read with the later (standard-time) offset, e.g. 2024-11-03T01:30:00-05:00; give the offset in the file if a time was in the earlier hour',
    ]);
    // A time naming its own offset is not ambiguous, nor is a zone without DST.
    const named = previewImport('time,description\n2024-11-03T01:30:00-04:00,x\n', {
      zone: 'America/New_York',
    });
    expect(named.notes).toEqual([]);
    expect(previewImport(csv, { zone: '-05:00' }).notes).toEqual([]);
  });

  it('warns when bytes were not UTF-8 (a Latin-1 file), without refusing it', () => {
    // What a UTF-8 decoder makes of "café" saved as Windows-1252 (0xE9).
    const text = new TextDecoder().decode(
      new Uint8Array([
        ...new TextEncoder().encode('time,description\n2024-01-01T00:00:00Z,caf'),
        0xe9,
        0x0a,
      ]),
    );
    const p = previewImport(text);
    expect(p.refused).toEqual([]);
    expect(p.events.map((e) => e.description)).toEqual(['caf\uFFFD']);
    expect(p.notes).toEqual([
      '1 character is not valid UTF-8 (was the file saved as Latin-1/Windows-1252?); save it as UTF-8',
    ]);
  });

  it('reads JSON with nested keys and epoch numbers', () => {
    const json = JSON.stringify([
      { ts: 1_700_000_000, event: { summary: 'seconds' } },
      { ts: 1_700_000_000_123, event: { summary: 'milliseconds' } },
    ]);
    const p = previewImport(json, { mapping: { time: 'ts', description: 'event.summary' } });
    expect(p.columns).toEqual(['ts', 'event.summary']);
    expect(p.events.map((e) => [e.time, e.description])).toEqual([
      ['2023-11-14T22:13:20Z', 'seconds'],
      ['2023-11-14T22:13:20.123Z', 'milliseconds'],
    ]);
  });

  it('refuses every bad row with its reasons, and unknown or forbidden columns', () => {
    const csv = 'time,description,phase\n2024-01-01T00:00:00,,lunch\n2024-01-01T00:00:00Z,ok,\n';
    const p = previewImport(csv);
    expect(p.events).toHaveLength(1);
    expect(p.refused).toEqual([
      {
        row: 1,
        reason: expect.stringMatching(
          /^time: .*no offset.*; description is empty; unknown phase "lunch"/,
        ),
      },
    ]);
    expect(
      previewImport(csv, { mapping: { time: 'when', description: 'description' } }).refused,
    ).toEqual([{ row: 0, reason: 'the file has no column "when"' }]);
    const json = '[{"__proto__":"2024-01-01T00:00:00Z","d":"x"}]';
    expect(
      previewImport(json, { mapping: { time: '__proto__', description: 'd' } }).refused,
    ).toEqual([{ row: 0, reason: 'the file has no column "__proto__"' }]);
  });

  it('refuses an empty file, a lone object, a header without rows, and asks for a mapping it cannot guess', () => {
    expect(previewImport('  \n').refused[0]?.reason).toBe('the file is empty');
    expect(previewImport('{"a":1,\n"b":2}').refused[0]?.reason).toMatch(
      /^a single JSON object is not a timeline/,
    );
    expect(previewImport('[{"a":').refused[0]?.reason).toMatch(/^not valid JSON/);
    expect(previewImport('time,description\n').refused[0]?.reason).toBe(
      'the file has a header but no rows',
    );
    expect(previewImport('a,b\n1,2').refused[0]?.reason).toBe(
      'choose which column holds the time and which the description',
    );
  });

  it('reads 50,000 rows', () => {
    const p = previewImport(generateFile('generic', 50_000), { zone: 'UTC' });
    expect(p.refused).toEqual([]);
    expect(p.events).toHaveLength(50_000);
  });

  it('refuses a file over 50,000 rows as a whole', () => {
    const p = previewImport(generateFile('generic', 50_001), { zone: 'UTC' });
    expect(p.events).toEqual([]);
    expect(p.refused).toEqual([
      { row: 0, reason: expect.stringMatching(/^50,001 rows is more than the 50,000/) },
    ]);
  });

  it('refuses an unknown zone once for the file, not once per row', () => {
    const p = previewImport(generateFile('generic', 3_000), { zone: 'Mars/Olympus' });
    expect(p.events).toEqual([]);
    expect(p.refused).toEqual([
      { row: 0, reason: expect.stringMatching(/^unknown time zone "Mars\/Olympus"/) },
    ]);
    expect(previewImport(generateFile('generic', 3), { zone: '+05:30' }).events).toHaveLength(3);
  });
});
