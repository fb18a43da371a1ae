import { describe, expect, it } from 'vitest';
import { formatFixture } from '../testing/fixtures.ts';
import { generateFile } from '../testing/generate.ts';
import { previewImport } from './formats.ts';

const CSV_HEADER = formatFixture('splunk_intersplunk_csv_header.csv').trim();

describe('Splunk', () => {
  it('reads the REST JSON envelope: ISO _time keeps its offset, _bkt/_cd is the id, _indextime the recorded time', () => {
    const p = previewImport(formatFixture('splunk_results_output_mode_json.json'));
    expect(p).toMatchObject({
      format: 'splunk',
      variant: 'Splunk search results (JSON)',
      refused: [],
    });
    expect(p.events).toEqual([
      {
        time: '2015-06-23T11:06:05-04:00',
        description: 'somefile contents',
        phase: null,
        source: 'Splunk · server-7654.acme.com · salt:grains',
        actor: '',
        sourceId: 'main~1122~25B521A6-9612-407D-A1BA-F8KJSEBB7628/1122:290410720',
        recordedTime: '2015-06-23T15:06:06Z',
      },
    ]);
  });

  it('reads the export stream and skips its lastrow and message lines', () => {
    const stream = `${formatFixture('splunk_export_stream.jsonl').trim()}\n{"lastrow":true}\n`;
    const p = previewImport(stream);
    expect(p.variant).toBe('Splunk export stream (JSON lines)');
    expect(p.totalRows).toBe(2);
    expect(p.events.map((e) => [e.time, e.description, e.source])).toEqual([
      ['2024-04-30T10:00:00Z', 'app started', 'Splunk · host1 · app'],
      ['2024-04-30T10:00:05Z', 'login failed for bob', 'Splunk · host2 · linux_audit'],
    ]);
  });

  it('keeps final rows only when the stream mixes preview and final results', () => {
    const lines = [
      { preview: true, offset: 0, result: { _time: '1700000000', _raw: 'partial' } },
      { preview: false, offset: 0, result: { _time: '1700000000', _raw: 'final' } },
    ];
    const p = previewImport(lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(p.events.map((e) => e.description)).toEqual(['final']);
    expect(p.notes).toContain('1 preview row skipped (final results kept)');
  });

  it('reads CSV with the intersplunk header: epoch seconds, decimals, "GMT" text, and refuses zone-less text', () => {
    const row = (time: string, raw: string) =>
      `,,,"${raw}",,,,${time},,web01,main,1,,/var/log/x,access,,,`;
    const csv = [
      CSV_HEADER,
      row('1310074203', 'epoch seconds'),
      row('1689074118.002', 'epoch with decimals'),
      row('2026-07-14 14:54:45.000 GMT', 'GMT text'),
      row('2026-07-14 14:54:45', 'zone-less'),
    ].join('\n');
    const p = previewImport(csv);
    expect(p.variant).toBe('Splunk search results (CSV)');
    expect(p.events.map((e) => [e.time, e.description])).toEqual([
      ['2011-07-07T21:30:03Z', 'epoch seconds'],
      ['2023-07-11T11:15:18.002Z', 'epoch with decimals'],
      ['2026-07-14T14:54:45Z', 'GMT text'],
    ]);
    expect(p.refused).toEqual([{ row: 4, reason: expect.stringMatching(/^_time: .*no offset/) }]);
    const zoned = previewImport(csv, { zone: 'America/New_York' });
    expect(zoned.events[3]?.time).toBe('2026-07-14T14:54:45-04:00');
    expect(zoned.zoneNote).toBe('1 zone-less _time read as America/New_York');
  });

  it("describes a transforming search's row (no _raw) by its fields", () => {
    const p = previewImport(
      JSON.stringify({
        results: [{ _time: '2024-01-01T00:00:00Z', user: 'bob', count: '12', src: '10.0.0.5' }],
      }),
    );
    expect(p.events[0]).toMatchObject({
      description: 'user=bob count=12 src=10.0.0.5',
      actor: 'bob',
    });
  });

  it('refuses an empty result set and an empty file', () => {
    expect(previewImport('{"results":[]}').refused).toEqual([
      { row: 0, reason: 'the search returned no results' },
    ]);
    expect(previewImport(CSV_HEADER).refused).toEqual([
      { row: 0, reason: 'the file has a header but no rows' },
    ]);
  });

  it('reads a 50,000-line export stream', () => {
    const p = previewImport(generateFile('splunk', 50_000));
    expect(p.refused).toEqual([]);
    expect(p.events).toHaveLength(50_000);
    expect(new Set(p.events.map((e) => e.sourceId)).size).toBe(50_000);
  });
});
