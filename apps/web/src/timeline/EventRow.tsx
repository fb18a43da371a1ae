import { deleteEvent, type TimelineEvent, updateEvent } from '@causeway/core';
import { type CSSProperties, memo, useCallback, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { useEditing } from '../hooks/useEditing.ts';
import type { Editor } from '../hooks/useEditors.ts';
import { useFishbone } from '../hooks/useFishbone.ts';
import { useWhys } from '../hooks/useWhys.ts';
import { CommitField } from '../ui/CommitField.tsx';
import { DeleteButton } from '../ui/DeleteButton.tsx';
import { EventTime } from './EventTime.tsx';
import { deleteWarning, evidenceUses } from './evidenceUses.ts';
import { PHASE_OPTIONS, phaseClass, phaseFromValue } from './phases.ts';
import { timeProblem } from './time.ts';

export interface EventRowProps {
  readonly event: TimelineEvent;
  /** Peers typing in this event's fields; a shared empty array when none, so memo holds. */
  readonly editors: readonly Editor[];
}

const FIELD_LABEL: Record<string, string> = {
  time: 'time',
  description: 'description',
  phase: 'phase',
};

/** Outline colour of the first peer in `field`, so a held field is visible at a glance. */
function heldStyle(editors: readonly Editor[], field: string): CSSProperties | undefined {
  const e = editors.find((x) => x.target.field === field);
  return e ? ({ '--held-color': e.color } as CSSProperties) : undefined;
}

const TimeCell = memo(function TimeCell({ event, editors }: EventRowProps) {
  const { doc } = useBoard();
  const [editing, setEditing] = useState(false);
  const presence = useEditing('event', event.id, 'time');
  const onCommit = useCallback(
    (next: string) => {
      const problem = timeProblem(next);
      if (problem) return problem;
      updateEvent(doc, event.id, { time: next.trim() });
      return null;
    },
    [doc, event.id],
  );
  const held = heldStyle(editors, 'time');
  if (editing) {
    return (
      <span className="event-time editing" style={held}>
        <CommitField
          autoFocus
          value={event.time}
          onCommit={onCommit}
          label="Event time (ISO 8601 with offset)"
          className={held ? 'held mono' : 'mono'}
          testId="event-time-input"
          onFocus={presence.onFocus}
          onBlur={presence.onBlur}
          onSettled={() => setEditing(false)}
        />
      </span>
    );
  }
  return (
    <button
      type="button"
      className={held ? 'event-time held' : 'event-time'}
      style={held}
      data-testid="event-time"
      title={`${event.time} — click to edit`}
      onClick={() => setEditing(true)}
    >
      <EventTime iso={event.time} />
    </button>
  );
});

/**
 * What the delete would unlink, counted live while the confirm is open. Mounted only then, so
 * the hundreds of rows don't each subscribe to the diagrams.
 */
function DeleteWarning({ eventId }: { eventId: string }) {
  const warning = deleteWarning(evidenceUses(eventId, useWhys(), useFishbone()));
  if (!warning) return null;
  return (
    <p className="delete-warning" role="alert" data-testid="delete-event-warning">
      {warning}
    </p>
  );
}

/** One timeline event: time (original zone and UTC), phase, description, source, who edits it. */
export const EventRow = memo(function EventRow({ event, editors }: EventRowProps) {
  const { doc } = useBoard();
  const [confirming, setConfirming] = useState(false);
  const descPresence = useEditing('event', event.id, 'description');
  const phasePresence = useEditing('event', event.id, 'phase');

  const onDescription = useCallback(
    (next: string) => {
      if (!next.trim()) return 'A description is required.';
      updateEvent(doc, event.id, { description: next.trim() });
      return null;
    },
    [doc, event.id],
  );

  const descHeld = heldStyle(editors, 'description');
  const phaseHeld = heldStyle(editors, 'phase');
  const first = editors[0];

  return (
    <li
      className={first ? 'event-row has-editors' : 'event-row'}
      data-testid="event-row"
      data-event-id={event.id}
      style={first ? ({ '--held-color': first.color } as CSSProperties) : undefined}
    >
      <div className="event-top">
        <TimeCell event={event} editors={editors} />
        <select
          aria-label="Phase"
          data-testid="event-phase"
          className={`${phaseClass(event.phase)}${phaseHeld ? ' held' : ''}`}
          style={phaseHeld}
          value={event.phase ?? ''}
          onFocus={phasePresence.onFocus}
          onBlur={phasePresence.onBlur}
          onChange={(e) => updateEvent(doc, event.id, { phase: phaseFromValue(e.target.value) })}
        >
          {PHASE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <DeleteButton
          what="event"
          confirming={confirming}
          onConfirmingChange={setConfirming}
          onDelete={() => deleteEvent(doc, event.id)}
          testId="delete-event"
          confirmTestId="confirm-delete-event"
        />
      </div>
      {confirming && <DeleteWarning eventId={event.id} />}
      <CommitField
        multiline
        enterCommits
        value={event.description}
        onCommit={onDescription}
        label="Event description"
        testId="event-description"
        className={descHeld ? 'event-description held' : 'event-description'}
        onFocus={descPresence.onFocus}
        onBlur={descPresence.onBlur}
      />
      {(event.source || event.actor || first) && (
        <div className="event-meta">
          {event.source && <span title="Source">{event.source}</span>}
          {event.actor && <span title="Actor">{event.actor}</span>}
          {editors.map((e) => (
            <span key={e.clientId} className="editor-chip" data-testid="event-editor">
              <span className="dot" style={{ background: e.color }} aria-hidden />
              {e.name} is editing {FIELD_LABEL[e.target.field ?? ''] ?? 'this event'}
            </span>
          ))}
        </div>
      )}
    </li>
  );
});
