import { memo, useMemo, useState } from 'react';
import { type Editor, useEditors } from '../hooks/useEditors.ts';
import { useTimeline } from '../hooks/useTimeline.ts';
import { count } from '../ui/count.ts';
import { AddEventForm } from './AddEventForm.tsx';
import { EventRow } from './EventRow.tsx';
import { ImportTimeline } from './ImportTimeline.tsx';

/**
 * Rows rendered at first and per "Show more": an imported SIEM export can hold 50,000 events, and
 * rendering them all froze the page for about half a minute.
 */
const PAGE = 200;

// One shared empty list: rows nobody edits get the same prop every render and stay memoised.
const NO_EDITORS: readonly Editor[] = [];

function editorsByEvent(editors: readonly Editor[]): ReadonlyMap<string, readonly Editor[]> {
  const map = new Map<string, Editor[]>();
  for (const e of editors) {
    if (e.target.kind !== 'event') continue;
    const list = map.get(e.target.id);
    if (list) list.push(e);
    else map.set(e.target.id, [e]);
  }
  return map;
}

/** The incident timeline, sorted by instant, editable in place by everyone at once. */
export const TimelinePanel = memo(function TimelinePanel() {
  const events = useTimeline();
  const editors = useEditors();
  const byEvent = useMemo(() => editorsByEvent(editors), [editors]);
  // Folded once there are events, so a laptop screen shows the timeline rather than the form.
  const [adding, setAdding] = useState(false);
  const showForm = adding || events.length === 0;
  const [shown, setShown] = useState(PAGE);
  const hidden = Math.max(0, events.length - shown);
  return (
    <section className="panel timeline-panel" data-testid="timeline" aria-labelledby="timeline-h">
      <div className="timeline-sticky">
        <div className="panel-head">
          <h2 id="timeline-h">
            Timeline <span className="count">{count(events.length)}</span>
          </h2>
          {events.length > 0 && (
            <button
              type="button"
              className="small add-toggle"
              aria-expanded={adding}
              data-testid="toggle-add-event"
              onClick={() => setAdding((a) => !a)}
            >
              {adding ? 'Close form' : '+ Event'}
            </button>
          )}
          <ImportTimeline />
        </div>
        {showForm && <AddEventForm />}
      </div>
      {events.length === 0 ? (
        <p className="empty">No events yet. Add one above or import the incident's CSV/JSON.</p>
      ) : (
        <ol className="event-list">
          {(hidden > 0 ? events.slice(0, shown) : events).map((ev) => (
            <EventRow key={ev.id} event={ev} editors={byEvent.get(ev.id) ?? NO_EDITORS} />
          ))}
        </ol>
      )}
      {hidden > 0 && (
        <button
          type="button"
          className="small"
          data-testid="timeline-more"
          onClick={() => setShown((n) => n + PAGE)}
        >
          Show {Math.min(PAGE, hidden)} more ({hidden.toLocaleString('en')} not shown)
        </button>
      )}
    </section>
  );
});
