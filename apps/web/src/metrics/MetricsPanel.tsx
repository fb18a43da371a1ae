import {
  formatDuration,
  METRIC_DEFINITIONS,
  type MetricDefinition,
  type MetricValue,
  type MetricWarning,
  PHASES,
  type TimelineEvent,
} from '@causeway/core';
import { Fragment, memo, useState } from 'react';
import { useMetrics } from '../hooks/useMetrics.ts';
import { EventTime } from '../timeline/EventTime.tsx';
import { phaseClass } from '../timeline/phases.ts';
import { outOfOrderSentence } from './outOfOrder.ts';

interface MetricRowProps {
  readonly def: MetricDefinition;
  readonly value: MetricValue | undefined;
  readonly warning: MetricWarning | undefined;
}

/** Why a metric has no value (the card's tooltip; the notes under the grid say it on screen). */
function whyEmpty(value: MetricValue | undefined, warning: MetricWarning | undefined): string {
  if (!value) return 'not computed';
  if (value.outOfOrder) return warning ? '⚠ out of order, see below' : 'out of order';
  if (value.missing.length > 0) return `needs ${value.missing.join(', ')}`;
  return 'not available';
}

/**
 * "2875 d 16 h 40 min" as ["2875 d", "16 h", "40 min"]: a long value wraps between its units in a
 * narrow card, never between a number and its unit.
 */
const durationParts = (text: string): string[] => text.match(/\S+ \S+/g) ?? [text];

const MetricRow = memo(function MetricRow({ def, value, warning }: MetricRowProps) {
  const seconds = value?.seconds ?? null;
  // Out-of-order pairs must never surface as a negative duration, whatever the calculation says.
  const shown = seconds !== null && seconds >= 0 && !value?.outOfOrder ? seconds : null;
  return (
    <div
      className="metric"
      data-testid={`metric-${def.key}`}
      data-seconds={shown ?? undefined}
      title={shown === null ? `${def.label}: ${whyEmpty(value, warning)}` : undefined}
    >
      <div className="metric-line">
        <span className="metric-label">{def.label}</span>
        {shown !== null ? (
          <span className="metric-value" data-testid="metric-value" title={`${shown} seconds`}>
            {durationParts(formatDuration(shown)).map((part, i) => (
              // The space stays outside the nowrap part: only there may the line break.
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
              <Fragment key={i}>
                {i > 0 ? ' ' : ''}
                <span className="metric-part">{part}</span>
              </Fragment>
            ))}
          </span>
        ) : (
          <span className="metric-value empty" data-testid="metric-value">
            —
          </span>
        )}
      </div>
      <div className="metric-def" title={def.definition}>
        {def.definition}
      </div>
    </div>
  );
});

/**
 * One line per out-of-order metric, cut to fit so the metrics never push the timeline off screen;
 * hover shows the whole sentence, a click unfolds it with the full descriptions.
 */
const OutOfOrderNote = memo(function OutOfOrderNote({
  def,
  from,
  to,
}: {
  def: MetricDefinition;
  from: TimelineEvent;
  to: TimelineEvent;
}) {
  const [open, setOpen] = useState(false);
  const full = outOfOrderSentence(def, from, to, Number.POSITIVE_INFINITY);
  return (
    <li>
      <button
        type="button"
        className={open ? 'order-warning open' : 'order-warning'}
        data-testid="order-warning"
        aria-expanded={open}
        title={full}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden>⚠ </span>
        {open ? full : outOfOrderSentence(def, from, to)}
      </button>
    </li>
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

/** One line naming every untagged milestone, instead of a note in each card. */
function MissingNote({ values }: { values: readonly MetricValue[] }) {
  const missing = PHASES.filter((p) => values.some((v) => v.missing.includes(p)));
  if (missing.length === 0) return null;
  return (
    <p className="metric-note" role="note" data-testid="metrics-missing">
      No value until tagged: <strong>{missing.join(', ')}</strong>
    </p>
  );
}

function OutOfOrderNotes({
  milestones,
  warnings,
}: {
  milestones: Partial<Record<(typeof PHASES)[number], TimelineEvent>>;
  warnings: readonly MetricWarning[];
}) {
  const notes = METRIC_DEFINITIONS.flatMap((def) => {
    const from = milestones[def.from];
    const to = milestones[def.to];
    return warnings.some((w) => w.metric === def.key) && from && to ? [{ def, from, to }] : [];
  });
  if (notes.length === 0) return null;
  return (
    <ul className="order-warnings" aria-label="Milestones out of order">
      {notes.map((n) => (
        <OutOfOrderNote key={n.def.key} def={n.def} from={n.from} to={n.to} />
      ))}
    </ul>
  );
}

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
          <MissingNote values={metrics.result.values} />
          <OutOfOrderNotes
            milestones={metrics.result.milestones}
            warnings={metrics.result.warnings}
          />
          <p className="metric-how" data-testid="metrics-how">
            <strong>How:</strong> a milestone is the earliest event tagged with that phase; a metric
            is the gap between two.
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
