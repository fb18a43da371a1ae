import { describe, expect, it } from 'vitest';
import { formatFixture } from '../testing/fixtures.ts';
import { generateFile } from '../testing/generate.ts';
import { previewImport } from './formats.ts';

describe('Elastic / ECS', () => {
  it('dates an alert at kibana.alert.original_time and keeps its @timestamp as the recorded time', () => {
    const p = previewImport(formatFixture('elastic_alert_doc_excerpt_ILLUSTRATIVE.json'));
    expect(p).toMatchObject({ format: 'elastic', refused: [] });
    expect(p.events).toEqual([
      {
        time: '2025-06-02T07:08:52.956Z',
        recordedTime: '2025-06-02T07:08:52.979Z',
        description:
          'authentication event with source 192.168.4.101 by denny on desktop-niu0ucp created medium alert Multiple Logon Failure from the same Source Address.',
        phase: null,
        source: 'Elastic alert',
        actor: '',
        sourceId: '10da92e0b4351ac7b6a3460814f87d13204b7dad67818290dadffdbfff7482b1',
      },
    ]);
  });

  it('reads search hits: @timestamp as the time, event.created as the recorded time, _id as the id', () => {
    const answer = {
      hits: {
        hits: [
          {
            _id: 'k4DvQp0B8MuvJ8LEKdpI',
            _index: '.ds-winlogbeat',
            _source: {
              '@timestamp': '2016-05-23T08:05:34.853Z',
              event: { created: '2016-05-23T08:05:34.857Z', action: 'logon-failed' },
              host: { name: 'desktop-niu0ucp' },
              user: { name: 'denny' },
            },
          },
        ],
      },
    };
    const p = previewImport(JSON.stringify(answer));
    expect(p.events).toEqual([
      {
        time: '2016-05-23T08:05:34.853Z',
        recordedTime: '2016-05-23T08:05:34.857Z',
        description: 'logon-failed',
        phase: null,
        source: 'Elastic · desktop-niu0ucp',
        actor: 'denny',
        sourceId: 'k4DvQp0B8MuvJ8LEKdpI',
      },
    ]);
  });

  it('reads NDJSON, ignores __proto__ and constructor keys, and names what is missing', () => {
    const lines = [
      '{"@timestamp":"2024-01-01T00:00:00Z","message":"ok","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
      '{"@timestamp":"2024-01-01T00:00:01Z"}',
      '{"@timestamp":"not a time","message":"bad"}',
    ].join('\n');
    const p = previewImport(lines);
    expect(p.variant).toBe('Elastic documents (NDJSON)');
    expect(p.events.map((e) => e.description)).toEqual(['ok']);
    expect(p.refused).toEqual([
      { row: 2, reason: expect.stringMatching(/^no kibana\.alert\.reason, .*message/) },
      { row: 3, reason: expect.stringMatching(/^@timestamp: /) },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads 50,000 NDJSON hits', () => {
    const p = previewImport(generateFile('elastic', 50_000));
    expect(p.refused).toEqual([]);
    expect(p.events).toHaveLength(50_000);
    expect(p.events[0]?.recordedTime).toBe('2024-03-01T00:00:00.500Z');
  });
});
