import { describe, expect, it } from 'vitest';
import { formatFixture } from '../testing/fixtures.ts';
import { generateFile } from '../testing/generate.ts';
import { previewImport } from './formats.ts';

describe('ServiceNow incidents', () => {
  it('turns opened/resolved/closed into tagged events read as UTC, and says so', () => {
    const p = previewImport(formatFixture('servicenow_incident_table_api_v2.json'));
    expect(p).toMatchObject({ format: 'servicenow', totalRows: 1, refused: [] });
    expect(p.events.map((e) => [e.time, e.phase, e.description, e.sourceId])).toEqual([
      [
        '2016-12-12T15:19:57Z',
        'detection',
        'INC0000060 opened: Unable to connect to email',
        '1c741bd70b2322007518478d83673af3:opened_at',
      ],
      [
        '2016-12-13T21:43:14Z',
        'recovery',
        'INC0000060 resolved 1 d 6 h 23 min after opening: Unable to connect to email',
        '1c741bd70b2322007518478d83673af3:resolved_at',
      ],
      [
        '2016-12-14T02:46:44Z',
        'closure',
        'INC0000060 closed 1 d 11 h 26 min after opening: Unable to connect to email',
        '1c741bd70b2322007518478d83673af3:closed_at',
      ],
    ]);
    expect(p.zoneNote).toBe(
      'ServiceNow times carry no zone: 3 times read as UTC (the Table API answers in UTC)',
    );
  });

  it('recomputes opened → resolved from the timestamps and reports where calendar_stc disagrees', () => {
    const p = previewImport(formatFixture('servicenow_incident_table_api_v2.json'));
    // 2016-12-13 21:43:14 − 2016-12-12 15:19:57 = 30 h 23 min 17 s; calendar_stc 102197 s = 28 h 23 min 17 s.
    expect(p.notes).toContain(
      "INC0000060: opened → resolved is 1 d 6 h 23 min (109397 s) by its timestamps; ServiceNow's calendar_stc says 1 d 4 h 23 min (102197 s). The timeline uses the timestamps.",
    );
  });

  it('reads a CSV export in a chosen zone, skips empty milestones and refuses a missing opened_at', () => {
    const csv = [
      'number,sys_id,short_description,opened_at,resolved_at,closed_at',
      'INC1,s1,VPN down,2024-03-31 01:30:00,2024-03-31 03:30:00,',
      'INC2,s2,No open time,,,',
    ].join('\n');
    const p = previewImport(csv, { zone: 'Europe/Paris' });
    expect(p.variant).toBe('ServiceNow incidents (CSV)');
    // Clocks went forward at 02:00 that night: 01:30 +01:00 to 03:30 +02:00 is one hour.
    expect(p.events.map((e) => [e.time, e.description])).toEqual([
      ['2024-03-31T01:30:00+01:00', 'INC1 opened: VPN down'],
      ['2024-03-31T03:30:00+02:00', 'INC1 resolved 1 h 0 min after opening: VPN down'],
    ]);
    expect(p.refused).toEqual([{ row: 2, reason: 'opened_at: time is empty' }]);
    expect(p.zoneNote).toBe('ServiceNow times carry no zone: 2 times read as Europe/Paris');
  });

  it('reads 50,000 incidents', () => {
    const p = previewImport(generateFile('servicenow', 50_000));
    expect(p.refused).toEqual([]);
    expect(p.events).toHaveLength(50_000);
  });
});
