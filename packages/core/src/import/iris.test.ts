import { describe, expect, it } from 'vitest';
import { formatFixture } from '../testing/fixtures.ts';
import { generateFile } from '../testing/generate.ts';
import { previewImport } from './formats.ts';

const EXPORT_HEADER = formatFixture('iris_timeline_export_header.csv').trim();

describe('DFIR-IRIS timeline CSV', () => {
  it('reads the import sample: event_date in event_tz, source kept', () => {
    const p = previewImport(formatFixture('iris_timeline_import_sample.csv'));
    expect(p).toMatchObject({
      format: 'iris',
      variant: 'DFIR-IRIS timeline import CSV',
      totalRows: 2,
      refused: [],
      zoneNote: null,
    });
    expect(p.events[0]).toEqual({
      time: '2023-03-26T03:00:30Z',
      description: 'An event: Event description',
      phase: null,
      source: 'DFIR-IRIS · source',
      actor: '',
    });
  });

  it("keeps the analyst's offset from event_tz, and reads a missing tz in the chosen zone", () => {
    const csv = [
      'event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,event_assets,event_iocs,event_tags',
      '2023-03-26T03:00:30.000,+02:00,Beacon seen,Unspecified,,,,,,',
      '2023-03-26T01:30:00.000,,Mail opened,Unspecified,,,,,,',
    ].join('\n');
    const p = previewImport(csv, { zone: 'Europe/Paris' });
    expect(p.events.map((e) => e.time)).toEqual([
      '2023-03-26T03:00:30+02:00',
      '2023-03-26T01:30:00+01:00',
    ]);
    expect(p.zoneNote).toBe('1 row without an event_tz read as Europe/Paris');
  });

  it('counts a row with a named event_tz as read in its own zone, not as assumed', () => {
    const csv =
      'event_date,event_tz,event_title\n"2023-03-26T03:00:30.000","Europe/Paris","An event"';
    const p = previewImport(csv);
    expect(p.events.map((e) => e.time)).toEqual(['2023-03-26T03:00:30+02:00']);
    expect(p.zoneNote).toBeNull();
  });

  it('reads the export header, preferring event_date_wtz with event_tz over the UTC date', () => {
    const csv = `${EXPORT_HEADER}\n"2023-01-27T08:00:00.000000","Ransom note found","on FS01","+01:00","2023-01-27T09:00:00.000000","Impact","","FS01;",""`;
    const p = previewImport(csv);
    expect(p.variant).toBe('DFIR-IRIS timeline export (CSV)');
    expect(p.events).toEqual([
      {
        time: '2023-01-27T09:00:00+01:00',
        description: 'Ransom note found: on FS01',
        phase: null,
        source: 'DFIR-IRIS',
        actor: '',
      },
    ]);
  });

  it("reads the exporter's unescaped quotes leniently and says so", () => {
    const csv = [
      EXPORT_HEADER,
      '"2023-01-27T08:00:00","Operator said "stop" to the backup job","content with "quotes", and a comma","+00:00","2023-01-27T08:00:00","Unspecified","","",""',
      '"2023-01-27T08:05:00","Plain title","","+00:00","2023-01-27T08:05:00","Unspecified","","",""',
    ].join('\n');
    const p = previewImport(csv);
    expect(p.refused).toEqual([]);
    expect(p.events.map((e) => e.description)).toEqual([
      'Operator said "stop" to the backup job: content with "quotes", and a comma',
      'Plain title',
    ]);
    expect(p.notes).toContain(
      'unescaped quotes found: cells were split on "," as the IRIS exporter writes them',
    );
  });

  it('refuses a record it cannot split, naming the row', () => {
    const csv = [
      EXPORT_HEADER,
      '"2023-01-27T08:00:00","A title with "," inside","x","+00:00","2023-01-27T08:00:00","Unspecified","","",""',
      '"2023-01-27T08:05:00","Fine","","+00:00","2023-01-27T08:05:00","Unspecified","","",""',
    ].join('\n');
    const p = previewImport(csv);
    expect(p.events).toHaveLength(1);
    expect(p.refused).toEqual([
      { row: 1, reason: expect.stringMatching(/^could not split into 9 cells/) },
    ]);
  });

  it('refuses an empty file, a header without rows, and a wrong header when forced', () => {
    expect(previewImport('', { format: 'iris' }).refused).toEqual([
      { row: 0, reason: 'the file is empty' },
    ]);
    expect(previewImport(formatFixture('iris_timeline_export_header.csv')).refused).toEqual([
      { row: 0, reason: 'the file has a header but no rows' },
    ]);
    expect(
      previewImport('date,title\n2023-01-01T00:00:00Z,x', { format: 'iris' }).refused[0]?.reason,
    ).toMatch(/must name event_date/);
  });

  it('reads 50,000 exported rows with unescaped quotes', () => {
    const p = previewImport(generateFile('iris', 50_000));
    expect(p.refused).toEqual([]);
    expect(p.events).toHaveLength(50_000);
    expect(p.events[1]?.description).toBe('Event 1 "quoted" title: content 1');
  });
});

describe('DFIR-IRIS event objects', () => {
  it('reads the CasesEvent sample and the list API answer, keeping event_uuid', () => {
    const sample = formatFixture('iris_event_object_sample.json');
    const one = previewImport(sample);
    expect(one.events).toEqual([
      {
        time: '2023-01-27T00:00:00Z',
        description: 'title',
        phase: null,
        source: 'DFIR-IRIS',
        actor: '',
        sourceId: '85f99ba0-5c83-4a6b-9c99-23ea0ccd1f2c',
      },
    ]);
    const api = previewImport(
      JSON.stringify({ status: 'success', data: { timeline: [JSON.parse(sample)] } }),
    );
    expect(api.format).toBe('iris');
    expect(api.events).toEqual(one.events);
  });
});
