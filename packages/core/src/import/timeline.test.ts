import { describe, expect, it } from 'vitest';
import { PHASES } from '../board/types.ts';
import { timelineCsv, timelineNames } from '../testing/fixtures.ts';
import {
  type ImportResult,
  MAX_IMPORT_ROWS,
  parseTimelineCsv,
  parseTimelineJson,
  parseTimelineJsonText,
} from './timeline.ts';

const events = (r: ImportResult) => {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.events;
};
const errors = (r: ImportResult) => {
  if (r.ok) throw new Error(`expected errors, got ${r.events.length} events`);
  return r.errors;
};

const HEADER = 'time,description,phase';

describe('fixture timelines', () => {
  // Data rows counted in each file by hand (lines minus the header).
  const ROWS: Record<string, number> = {
    aws_s3_2017_02_28_us_east_1: 4,
    circleci_2023_01_04_security_incident: 11,
    cloudflare_2019_07_02_waf_regex: 6,
    github_2018_10_21_partition: 8,
    gitlab_2017_01_31_database: 8,
  };

  it('covers every fixture on disk', () => {
    expect(timelineNames()).toEqual(Object.keys(ROWS).sort());
  });

  for (const [name, rows] of Object.entries(ROWS)) {
    it(`imports ${name} with ${rows} rows`, () => {
      expect(events(parseTimelineCsv(timelineCsv(name)))).toHaveLength(rows);
    });
  }

  it('keeps AWS S3 at -08:00 and reads an empty phase as null', () => {
    const [first, second] = events(parseTimelineCsv(timelineCsv('aws_s3_2017_02_28_us_east_1')));
    expect(first).toMatchObject({ time: '2017-02-28T09:37:00-08:00', phase: null });
    expect(second).toMatchObject({ time: '2017-02-28T12:26:00-08:00', phase: 'recovery' });
    expect(first?.description).toMatch(/^While debugging slow billing/);
  });
});

describe('parseTimelineCsv', () => {
  it('reads the phase "none" (any case) as no phase, like an empty cell', () => {
    const csv = 'time,description,phase\n2019-07-02T13:42:00Z,a,none\n2019-07-02T13:43:00Z,b,None\n';
    expect(events(parseTimelineCsv(csv)).map((e) => e.phase)).toEqual([null, null]);
  });

  it('accepts a BOM, a header in any case with spaces, optional and unknown columns, CRLF and quotes', () => {
    const csv =
      '\uFEFF Time , DESCRIPTION,Phase,Source,actor,ticket\r\n' +
      '2019-07-02T13:42:00Z,"rule pushed, ""globally""",Compromise,change log,  sre  ,CF-1\r\n' +
      '\r\n' +
      '2019-07-02T14:02:00Z,"multi\nline",,,,\r\n';
    expect(events(parseTimelineCsv(csv))).toEqual([
      {
        time: '2019-07-02T13:42:00Z',
        description: 'rule pushed, "globally"',
        phase: 'compromise',
        source: 'change log',
        actor: 'sre',
      },
      { time: '2019-07-02T14:02:00Z', description: 'multi\nline', phase: null },
    ]);
  });

  it('lists every bad row with its number and reason, and imports nothing', () => {
    const long = 'x'.repeat(2_001);
    const csv = [
      HEADER,
      '2019-07-02T13:42:00Z,fine,',
      'yesterday,unparseable time,',
      '2019-07-02T13:44:00,zone-less time,',
      '2019-07-02T13:45:00Z,unknown phase,panic',
      '2019-07-02T13:46:00Z,   ,',
      `2019-07-02T13:47:00Z,${long},`,
      '2019-07-02T13:48:00Z,also fine,triage',
    ].join('\n');
    const errs = errors(parseTimelineCsv(csv));
    expect(errs.map((e) => [e.row, e.field])).toEqual([
      [2, 'time'],
      [3, 'time'],
      [4, 'phase'],
      [5, 'description'],
      [6, 'description'],
    ]);
    expect(errs[0]?.reason).toMatch(/yesterday/);
    expect(errs[1]?.reason).toMatch(/no offset/);
    expect(errs[2]?.reason).toContain(PHASES.join(', '));
    expect(errs[3]?.reason).toMatch(/empty/);
    expect(errs[4]?.reason).toMatch(/2,000/);
  });

  it('accepts exactly 2,000 characters of description', () => {
    expect(
      events(parseTimelineCsv(`${HEADER}\n2019-07-02T13:42:00Z,${'x'.repeat(2_000)},`)),
    ).toHaveLength(1);
  });

  it('applies the zone option to zone-less times only', () => {
    const csv = `${HEADER}\n2017-02-28T09:37:00,no offset,\n2017-02-28T09:37:00Z,has Z,`;
    expect(
      events(parseTimelineCsv(csv, { zone: 'America/Los_Angeles' })).map((e) => e.time),
    ).toEqual(['2017-02-28T09:37:00-08:00', '2017-02-28T09:37:00Z']);
    expect(errors(parseTimelineCsv(csv, { zone: 'Atlantis/Central' }))[0]?.reason).toMatch(
      /unknown time zone/,
    );
  });

  it('refuses a missing or wrong header, naming what is missing', () => {
    expect(errors(parseTimelineCsv('when,what\n2019-07-02T13:42:00Z,x'))).toEqual([
      { row: 0, reason: expect.stringMatching(/missing: time, description, phase/) },
    ]);
    expect(errors(parseTimelineCsv('time,description\n2019-07-02T13:42:00Z,x'))[0]?.reason).toMatch(
      /missing: phase/,
    );
    expect(
      errors(parseTimelineCsv('time,description,phase,time\n2019-07-02T13:42:00Z,x,,'))[0]?.reason,
    ).toMatch(/twice: time/);
  });

  it('refuses an empty file, a blank file and a header with no rows', () => {
    expect(errors(parseTimelineCsv(''))[0]?.reason).toMatch(/empty/);
    expect(errors(parseTimelineCsv('\uFEFF \n\n'))[0]?.reason).toMatch(/empty/);
    expect(errors(parseTimelineCsv(`${HEADER}\n\n`))[0]?.reason).toMatch(/no rows/);
  });

  it('refuses malformed quotes with the row they are on', () => {
    const errs = errors(
      parseTimelineCsv(`${HEADER}\n2019-07-02T13:42:00Z,ok,\n2019-07-02T13:43:00Z,"unterminated,`),
    );
    expect(errs[0]).toMatchObject({ row: 2, reason: expect.stringMatching(/quotes/) });
  });

  it('refuses more than 50,000 rows and accepts exactly 50,000', () => {
    const row = '2019-07-02T13:42:00Z,x,\n';
    expect(events(parseTimelineCsv(`${HEADER}\n${row.repeat(MAX_IMPORT_ROWS)}`))).toHaveLength(
      50_000,
    );
    expect(
      errors(parseTimelineCsv(`${HEADER}\n${row.repeat(MAX_IMPORT_ROWS + 1)}`))[0]?.reason,
    ).toMatch(/50,001 rows.*50,000/);
  });

  it('ignores prototype-polluting column names', () => {
    const csv = `time,description,phase,__proto__,constructor,prototype\n2019-07-02T13:42:00Z,x,,{"polluted":1},a,b`;
    const [e] = events(parseTimelineCsv(csv));
    expect(Object.keys(e ?? {}).sort()).toEqual(['description', 'phase', 'time']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseTimelineJson', () => {
  it('accepts an array of objects with optional phase, source and actor', () => {
    expect(
      events(
        parseTimelineJson([
          {
            time: '2018-10-21T22:54:00Z',
            description: 'alerts',
            phase: 'detection',
            source: 'monitoring',
          },
          { time: '2018-10-21T23:09:00Z', description: 'status yellow', phase: null },
          { time: '2018-10-21T23:11:00Z', description: 'status red', phase: '' },
          { time: '2018-10-21T23:13:00Z', description: 'DBAs paged' },
        ]),
      ),
    ).toEqual([
      {
        time: '2018-10-21T22:54:00Z',
        description: 'alerts',
        phase: 'detection',
        source: 'monitoring',
      },
      { time: '2018-10-21T23:09:00Z', description: 'status yellow', phase: null },
      { time: '2018-10-21T23:11:00Z', description: 'status red', phase: null },
      { time: '2018-10-21T23:13:00Z', description: 'DBAs paged', phase: null },
    ]);
  });

  it('refuses a non-array and an empty array', () => {
    expect(errors(parseTimelineJson({ events: [] }))).toEqual([
      { row: 0, reason: expect.stringMatching(/array/) },
    ]);
    expect(errors(parseTimelineJson([]))[0]?.reason).toMatch(/empty/);
  });

  it('lists every bad row: not an object, missing or non-text fields, bad values', () => {
    const errs = errors(
      parseTimelineJson([
        { time: '2018-10-21T22:54:00Z', description: 'fine', phase: 'detection' },
        'a string',
        null,
        [1, 2],
        { description: 'no time' },
        { time: 1540162440000, description: 'time as a number' },
        { time: '2018-10-21T22:54:00Z', description: 42 },
        { time: '2018-10-21T22:54:00Z', description: 'bad phase', phase: 'Recovered' },
        { time: '2018-10-21T22:54:00Z', description: 'bad source', source: 7 },
      ]),
    );
    expect(errs.map((e) => [e.row, e.field ?? null])).toEqual([
      [2, null],
      [3, null],
      [4, null],
      [5, 'time'],
      [6, 'time'],
      [7, 'description'],
      [8, 'phase'],
      [9, 'source'],
    ]);
    expect(errs[3]?.reason).toBe('time is missing');
    expect(errs[4]?.reason).toBe('time must be text');
  });

  it('never reads __proto__, constructor or prototype keys', () => {
    const row = JSON.parse(
      '{"time":"2018-10-21T22:54:00Z","description":"x","phase":null,"__proto__":{"phase":"closure","polluted":1},"constructor":"c","prototype":"p"}',
    ) as object;
    const [e] = events(parseTimelineJson([row]));
    expect(e).toEqual({ time: '2018-10-21T22:54:00Z', description: 'x', phase: null });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads inherited keys as missing, not as data', () => {
    const row = Object.create({ time: '2018-10-21T22:54:00Z' }) as Record<string, unknown>;
    row.description = 'x';
    expect(errors(parseTimelineJson([row]))[0]).toMatchObject({
      row: 1,
      field: 'time',
      reason: 'time is missing',
    });
  });

  it('refuses more than 50,000 rows', () => {
    const row = { time: '2018-10-21T22:54:00Z', description: 'x' };
    expect(
      errors(parseTimelineJson(Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => row)))[0]?.reason,
    ).toMatch(/more than/);
  });

  it('reports invalid JSON text as row 0', () => {
    expect(errors(parseTimelineJsonText('[{"time":'))[0]).toMatchObject({
      row: 0,
      reason: expect.stringMatching(/not valid JSON/),
    });
    expect(errors(parseTimelineJsonText(''))[0]?.reason).toMatch(/empty/);
    expect(
      events(parseTimelineJsonText('[{"time":"2018-10-21T22:54:00Z","description":"x"}]')),
    ).toHaveLength(1);
  });
});
