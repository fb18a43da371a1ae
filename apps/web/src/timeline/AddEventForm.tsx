import { addEvent, type Phase } from '@causeway/core';
import { type FormEvent, memo, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { PHASE_OPTIONS, phaseFromValue } from './phases.ts';
import { nowWithLocalOffset, timeProblem } from './time.ts';

/** Adds one event; the time defaults to now in this browser's offset, the commonest case live. */
export const AddEventForm = memo(function AddEventForm() {
  const { doc } = useBoard();
  const [time, setTime] = useState(nowWithLocalOffset);
  const [description, setDescription] = useState('');
  const [phase, setPhase] = useState<Phase | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problem = timeProblem(time);
    if (problem) {
      setError(problem);
      return;
    }
    if (!description.trim()) {
      setError('Describe what happened.');
      return;
    }
    addEvent(doc, { time: time.trim(), description: description.trim(), phase });
    setDescription('');
    setPhase(null);
    setTime(nowWithLocalOffset());
    setError(null);
  };

  return (
    <form className="add-event" data-testid="add-event-form" onSubmit={onSubmit}>
      <div className="add-event-row">
        <input
          aria-label="New event time (ISO 8601 with offset)"
          data-testid="new-event-time"
          className="mono add-event-time"
          value={time}
          aria-invalid={error !== null && timeProblem(time) !== null ? true : undefined}
          onChange={(e) => {
            setTime(e.target.value);
            setError(null);
          }}
        />
        <select
          aria-label="New event phase"
          data-testid="new-event-phase"
          value={phase ?? ''}
          onChange={(e) => setPhase(phaseFromValue(e.target.value))}
        >
          {PHASE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="add-event-row">
        <input
          aria-label="New event description"
          data-testid="new-event-description"
          placeholder="What happened?"
          value={description}
          onChange={(e) => {
            setDescription(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="primary" data-testid="add-event">
          Add event
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
});
