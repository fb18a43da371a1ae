import { describe, expect, it } from 'vitest';
import { formatFixture } from '../testing/fixtures.ts';
import { generateFile } from '../testing/generate.ts';
import { previewImport } from './formats.ts';

const json = (v: unknown) => JSON.stringify(v);

describe('TheHive 5 case timeline', () => {
  it('reads the OpenAPI-shaped sample: epoch ms in UTC, ids from entity, kind and date', () => {
    const p = previewImport(formatFixture('thehive5_timeline_CONSTRUCTED.json'));
    expect(p).toMatchObject({
      format: 'thehive5',
      variant: 'TheHive 5 case timeline',
      totalRows: 2,
      refused: [],
    });
    expect(p.events).toHaveLength(2);
    expect(p.events[1]).toMatchObject({
      time: '2021-12-20T11:33:20Z',
      description: 'custom timeline event (<entity string> <kind string>): ...',
      source: 'TheHive',
      sourceId: '~4104:<kind string>:1640000000000',
    });
    expect(p.zoneNote).toBeNull();
  });

  it('adds an end event when endDate differs, and refuses dates that are not epoch numbers', () => {
    const p = previewImport(
      json({
        events: [
          {
            date: 1_700_000_000_000,
            endDate: 1_700_003_600_000,
            kind: 'create',
            entity: 'CustomEvent',
            entityId: '~1',
            details: { title: 'Outage window' },
          },
          { date: '2023-11-14', kind: 'create', entity: 'Task', entityId: '~2', details: {} },
          'not an event',
        ],
      }),
    );
    expect(p.events.map((e) => [e.time, e.description])).toEqual([
      ['2023-11-14T22:13:20Z', 'Outage window (CustomEvent create)'],
      ['2023-11-14T23:13:20Z', 'End: Outage window (CustomEvent create)'],
    ]);
    expect(p.refused).toEqual([
      { row: 2, reason: 'date must be epoch milliseconds (a number)' },
      { row: 3, reason: 'each timeline event must be an object' },
    ]);
  });

  it('reads custom events, one or a list', () => {
    const one = previewImport(formatFixture('thehive5_custom_event_input.json'));
    expect(one).toMatchObject({ format: 'thehive5', variant: 'TheHive 5 custom events' });
    expect(one.events).toEqual([
      {
        time: '2021-12-20T11:33:20Z',
        description: 'test timeline event: ...',
        phase: null,
        source: 'TheHive',
        actor: '',
      },
    ]);
    const list = previewImport(
      json([
        { date: 1_640_000_000_000, title: 'A' },
        { date: 1_640_000_001_000, title: '' },
      ]),
      { format: 'thehive5' },
    );
    expect(list.events).toHaveLength(1);
    expect(list.refused).toEqual([{ row: 2, reason: 'title is missing' }]);
  });

  it('refuses an empty timeline and a CSV forced to TheHive', () => {
    expect(previewImport(json({ events: [] }), { format: 'thehive5' }).refused).toEqual([
      { row: 0, reason: 'the timeline has no events' },
    ]);
    expect(previewImport('a,b\n1,2', { format: 'thehive5' }).refused[0]?.reason).toMatch(
      /cannot be read from CSV/,
    );
  });
});

describe('TheHive 4 task logs', () => {
  it('reads the documented log: startDate in ms, id and author kept', () => {
    const p = previewImport(formatFixture('thehive4_task_log_create_response.json'));
    expect(p.format).toBe('thehive4');
    expect(p.events).toEqual([
      {
        time: '2017-03-07T20:52:29.497Z',
        description: 'Some message',
        phase: null,
        source: 'TheHive',
        actor: 'admin',
        sourceId: 'AVqqi3C-yQ6w1DNC8aDq',
      },
    ]);
  });

  it('refuses deleted logs and startDate given as text', () => {
    const p = previewImport(
      json([
        { message: 'kept', startDate: 1_488_919_949_497, status: 'Ok', id: 'a' },
        { message: 'gone', startDate: 1_488_919_949_497, status: 'Deleted', id: 'b' },
        { message: 'text date', startDate: '1488919949497', id: 'c' },
      ]),
    );
    expect(p.events.map((e) => e.sourceId)).toEqual(['a']);
    expect(p.refused).toEqual([
      { row: 2, reason: 'the log was deleted in TheHive' },
      { row: 3, reason: 'startDate must be epoch milliseconds (a number)' },
    ]);
  });

  it('reads 50,000 logs', () => {
    const p = previewImport(generateFile('thehive4', 50_000));
    expect(p.events).toHaveLength(50_000);
    expect(p.events[49_999]?.time).toBe('2024-03-01T13:53:19Z');
  });
});
