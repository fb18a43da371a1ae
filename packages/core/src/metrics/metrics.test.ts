import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEvents, readTimeline } from '../board/doc.ts';
import type { Phase, TimelineEvent } from '../board/types.ts';
import { parseTimelineCsv } from '../import/timeline.ts';
import { timelineCsv } from '../testing/fixtures.ts';
import { computeMetrics, METRIC_DEFINITIONS, type MetricKey, metricSeconds } from './metrics.ts';

/** A fixture imported into a board and read back, as the app does. */
function fixtureTimeline(name: string): TimelineEvent[] {
  const imported = parseTimelineCsv(timelineCsv(name));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const doc = new Y.Doc();
  addEvents(doc, imported.events);
  return readTimeline(doc);
}

/** key -> [seconds, missing phases, outOfOrder] for compact expectations. */
function summary(timeline: readonly TimelineEvent[]) {
  const r = computeMetrics(timeline);
  return Object.fromEntries(
    r.values.map((v) => [v.key, [v.seconds, v.missing, v.outOfOrder]]),
  ) as Record<MetricKey, [number | null, Phase[], boolean]>;
}

const ev = (id: string, time: string, phase: Phase | null, description = id): TimelineEvent => ({
  id,
  time,
  epochMs: Date.parse(time),
  description,
  phase,
  source: '',
  actor: '',
  sourceId: '',
  recordedTime: '',
});

describe('METRIC_DEFINITIONS', () => {
  it('defines each metric as a difference of two milestones', () => {
    expect(METRIC_DEFINITIONS.map((d) => [d.key, d.definition])).toEqual([
      ['dwellSeconds', 'detection − compromise'],
      ['timeToTriageSeconds', 'triage − detection'],
      ['timeToContainSeconds', 'containment − detection'],
      ['timeToRecoverSeconds', 'recovery − eradication'],
      ['totalDurationSeconds', 'closure − detection'],
    ]);
    for (const d of METRIC_DEFINITIONS) expect(d.label).not.toBe('');
  });
});

describe('computeMetrics on the fixture incidents', () => {
  it('CircleCI 2023: every milestone but recovery', () => {
    expect(summary(fixtureTimeline('circleci_2023_01_04_security_incident'))).toEqual({
      // detection 2022-12-29 − compromise 2022-12-16 = 13 days = 1,123,200 s
      dwellSeconds: [1_123_200, [], false],
      // triage 2022-12-30 − detection 2022-12-29 = 1 day = 86,400 s
      timeToTriageSeconds: [86_400, [], false],
      // earliest containment 2022-12-31 (not 2023-01-04) − 2022-12-29 = 2 days = 172,800 s
      timeToContainSeconds: [172_800, [], false],
      // no row is tagged recovery
      timeToRecoverSeconds: [null, ['recovery'], false],
      // closure 2023-01-13 − 2022-12-29 = 2 days to Dec 31 + 13 days = 15 days = 1,296,000 s
      totalDurationSeconds: [1_296_000, [], false],
    });
  });

  it('AWS S3 2017: only recovery is tagged, so every metric is missing something', () => {
    expect(summary(fixtureTimeline('aws_s3_2017_02_28_us_east_1'))).toEqual({
      dwellSeconds: [null, ['compromise', 'detection'], false],
      timeToTriageSeconds: [null, ['detection', 'triage'], false],
      timeToContainSeconds: [null, ['detection', 'containment'], false],
      timeToRecoverSeconds: [null, ['eradication'], false],
      totalDurationSeconds: [null, ['detection', 'closure'], false],
    });
    // The earliest of the three recovery rows, with its -08:00 offset kept.
    expect(
      computeMetrics(fixtureTimeline('aws_s3_2017_02_28_us_east_1')).milestones.recovery?.time,
    ).toBe('2017-02-28T12:26:00-08:00');
  });

  it('Cloudflare 2019: no detection row, and recovery (14:09) came before eradication (14:52)', () => {
    const timeline = fixtureTimeline('cloudflare_2019_07_02_waf_regex');
    expect(summary(timeline)).toEqual({
      dwellSeconds: [null, ['compromise', 'detection'], false],
      timeToTriageSeconds: [null, ['detection'], false],
      timeToContainSeconds: [null, ['detection'], false],
      // recovery 14:09 − eradication 14:52 = −43 min: refused, not reported as −2,580 s
      timeToRecoverSeconds: [null, [], true],
      totalDurationSeconds: [null, ['detection'], false],
    });
    const { warnings, milestones } = computeMetrics(timeline);
    const recovery = milestones.recovery as TimelineEvent;
    const eradication = milestones.eradication as TimelineEvent;
    expect(warnings).toEqual([
      {
        code: 'out-of-order',
        metric: 'timeToRecoverSeconds',
        fromEventId: eradication.id,
        toEventId: recovery.id,
        message: expect.any(String),
      },
    ]);
    const message = warnings[0]?.message ?? '';
    for (const part of [
      recovery.id,
      eradication.id,
      'Traffic and CPU back',
      'Offending rules rolled back',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('GitHub 2018: minutes-scale triage and containment; no eradication or closure', () => {
    expect(summary(fixtureTimeline('github_2018_10_21_partition'))).toEqual({
      dwellSeconds: [null, ['compromise'], false],
      // triage 23:02 − detection 22:54 = 8 min = 480 s (the later 23:13 triage row is ignored)
      timeToTriageSeconds: [480, [], false],
      // containment 23:07 − detection 22:54 = 13 min = 780 s
      timeToContainSeconds: [780, [], false],
      timeToRecoverSeconds: [null, ['eradication'], false],
      totalDurationSeconds: [null, ['closure'], false],
    });
  });

  it('GitLab 2017: the earlier of two detection rows is the milestone', () => {
    expect(summary(fixtureTimeline('gitlab_2017_01_31_database'))).toEqual({
      dwellSeconds: [null, ['compromise'], false],
      // triage 23:00 − detection 18:00 (not 22:00) = 5 h = 18,000 s
      timeToTriageSeconds: [18_000, [], false],
      timeToContainSeconds: [null, ['containment'], false],
      timeToRecoverSeconds: [null, ['eradication'], false],
      // closure 2017-02-10T00:00Z − 2017-01-31T18:00Z = 6 h to Feb 1 + 9 days = 21,600 + 777,600 = 799,200 s
      totalDurationSeconds: [799_200, [], false],
    });
  });
});

describe('computeMetrics rules', () => {
  it('compares instants, not wall clocks, across offsets', () => {
    // detection 10:00-08:00 = 18:00Z; triage 19:30+02:00 = 17:30Z: triage is 30 min before detection.
    const r = computeMetrics([
      ev('d', '2020-01-01T10:00:00-08:00', 'detection'),
      ev('t', '2020-01-01T19:30:00+02:00', 'triage'),
      ev('c', '2020-01-01T12:15:00-08:00', 'containment'),
    ]);
    expect(metricSeconds(r, 'timeToTriageSeconds')).toBeNull();
    expect(r.values.find((v) => v.key === 'timeToTriageSeconds')?.outOfOrder).toBe(true);
    // containment 12:15-08:00 − detection 10:00-08:00 = 2 h 15 min = 8,100 s
    expect(metricSeconds(r, 'timeToContainSeconds')).toBe(8_100);
  });

  it('gives 0 for equal instants and never a negative number', () => {
    const r = computeMetrics([
      ev('a', '2020-01-01T00:00:00Z', 'detection'),
      ev('b', '2020-01-01T01:00:00+01:00', 'triage'),
    ]);
    expect(metricSeconds(r, 'timeToTriageSeconds')).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it('picks the earliest event per phase regardless of input order, and ignores unparseable times', () => {
    const r = computeMetrics([
      ev('late', '2020-01-01T05:00:00Z', 'detection'),
      ev('bad', 'not a time', 'detection'),
      ev('early', '2020-01-01T01:00:00Z', 'detection'),
    ]);
    expect(r.milestones.detection?.id).toBe('early');
  });

  it('reports every milestone missing on an empty timeline', () => {
    const r = computeMetrics([]);
    expect(r.milestones).toEqual({});
    expect(r.values.map((v) => [v.seconds, v.missing])).toEqual(
      METRIC_DEFINITIONS.map((d) => [null, [d.from, d.to]]),
    );
  });
});
