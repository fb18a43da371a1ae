import {
  formatDuration,
  METRIC_DEFINITIONS,
  type MetricDefinition,
  type MetricValue,
  type MetricWarning,
  PHASES,
  type TimelineEvent,
} from '@causeway/core';
import { memo, useState } from 'react';
import { useMetrics } from '../hooks/useMetrics.ts';
import { EventTime } from '../timeline/EventTime.tsx';
import { phaseClass } from '../timeline/phases.ts';

interface MetricRowProps {
  readonly def: MetricDefinition;
  readonly value: MetricValue | undefined;
  readonly warning: MetricWarning | undefined;
}

/** Why a metric has no value, in the reviewer's terms; never a negative duration. */
function whyEmpty(value: MetricValue | undefined, warning: MetricWarning | undefined): string {
  if (!value) return 'not computed';
  if (value.outOfOrder) return warning?.message ?? 'milestones are out of order';
  if (value.missing.length > 0) return `needs: ${value.missing.join(', ')}`;
  return 'not available';
}

const MetricRow = memo(function MetricRow({ def, value, warning }: MetricRowProps) {
  const seconds = value?.seconds ?? null;
  // Out-of-order pairs must never surface as a negative duration, whatever the calculation says.
  const shown = seconds !== null && seconds >= 0 && !value?.outOfOrder ? seconds : null;
  return (
    <div className="metric" data-testid={`metric-${def.key}`} data-seconds={shown ?? undefined}>
      <div className="metric-line">
        <span className="metric-label">{def.label}</span>
        {shown !== null ? (
          <span className="metric-value" data-testid="metric-value" title={`${shown} seconds`}>
            {formatDuration(shown)}
          </span>
        ) : (
          <span className="metric-value empty" data-testid="metric-value">
            —
          </span>
        )}
      </div>
      <div className="metric-def">{def.definition}</div>
      {shown === null && (
        <div className={value?.outOfOrder ? 'metric-note warn' : 'metric-note'} role="note">
          {whyEmpty(value, warning)}
        </div>
      )}
    </div>
  );
});

const Milestone = memo(function Milestone({
  phase,
  event,
}: {
  phase: (typeof PHASES)[number];
  event: TimelineEvent | undefined;
}) {
  return (
    <li className="milestone">
      <span className={phaseClass(phase)}>{phase}</span>
      {event ? (
        <span className="milestone-time" title={event.description}>
          <EventTime iso={event.time} />
        </span>
      ) : (
        <span className="milestone-time muted">not tagged</span>
      )}
    </li>
  );
});

/** Dwell time, time to triage/contain/recover and total duration, live from the timeline. */
export const MetricsPanel = memo(function MetricsPanel() {
  const metrics = useMetrics();
  // Milestones are there to check the tagging, not to read all the time: folded by default.
  const [showMilestones, setShowMilestones] = useState(false);
  return (
    <section className="panel metrics-panel" data-testid="metrics" aria-labelledby="metrics-h">
      <div className="panel-head">
        <h2 id="metrics-h">Response metrics</h2>
        <button
          type="button"
          className="small"
          aria-expanded={showMilestones}
          aria-controls="milestone-list"
          data-testid="toggle-milestones"
          onClick={() => setShowMilestones((v) => !v)}
        >
          {showMilestones ? 'Hide milestones' : 'Milestones'}
        </button>
      </div>
      {!metrics.ok ? (
        <p className="empty">Metrics unavailable: {metrics.message}</p>
      ) : (
        <>
          <div className="metric-list">
            {METRIC_DEFINITIONS.map((def) => (
              <MetricRow
                key={def.key}
                def={def}
                value={metrics.result.values.find((v) => v.key === def.key)}
                warning={metrics.result.warnings.find((w) => w.metric === def.key)}
              />
            ))}
          </div>
          <p className="metric-how" data-testid="metrics-how">
            <strong>How these are computed:</strong> each milestone is the earliest event tagged
            with that phase; a metric is the gap between two milestones.
          </p>
          {showMilestones && (
            <ul
              className="milestone-list"
              id="milestone-list"
              data-testid="milestones"
              aria-label="Milestones: earliest event per phase"
            >
              {PHASES.map((p) => (
                <Milestone key={p} phase={p} event={metrics.result.milestones[p]} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
});
