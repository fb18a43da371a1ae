import { METRIC_DEFINITIONS, type TimelineEvent } from '@causeway/core';
import { describe, expect, it } from 'vitest';
import { outOfOrderSentence } from './outOfOrder.ts';

const ev = (id: string, time: string, description: string): TimelineEvent => ({
  id,
  time,
  epochMs: Date.parse(time),
  description,
  phase: null,
  source: '',
  actor: '',
});

const recover = METRIC_DEFINITIONS.find((d) => d.key === 'timeToRecoverSeconds');
if (!recover) throw new Error('time to recover is defined');

// Cloudflare 2019: traffic recovered at 14:09, the rules were rolled back at 14:52.
const recovery = ev(
  'ev_107u29gu62yy',
  '2019-07-02T14:09:00Z',
  'Traffic and CPU back to expected levels worldwide (27 minutes of disruption).',
);
const eradication = ev(
  'ev_qjrbrd5660jd',
  '2019-07-02T14:52:00Z',
  'Offending rules rolled back and tested; WAF managed rulesets re-enabled globally.',
);

describe('out-of-order warning', () => {
  it('names both milestones by phase, clock and description, never by id or ISO time', () => {
    const s = outOfOrderSentence(recover, eradication, recovery);
    expect(s).toBe(
      "Recovery (14:09, 'Traffic and CPU back to…') is before eradication " +
        "(14:52, 'Offending rules rolled…') — fix the tags to get a value.",
    );
    expect(s).not.toMatch(/ev_|2019-07-02T/);
  });

  it('gives the full descriptions for the expanded view', () => {
    const s = outOfOrderSentence(recover, eradication, recovery, Number.POSITIVE_INFINITY);
    expect(s).toContain(recovery.description);
    expect(s).toContain(eradication.description);
  });

  it('adds the date when the two events are on different days', () => {
    const later = ev('b', '2019-07-03T09:00:00Z', 'Rules re-enabled');
    expect(outOfOrderSentence(recover, later, recovery)).toMatch(
      /^Recovery \(Jul 2 14:09 UTC, .*\) is before eradication \(Jul 3 09:00 UTC, /,
    );
  });
});
