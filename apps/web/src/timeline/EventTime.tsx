import { memo } from 'react';
import { timeParts } from './time.ts';

/** "2023-01-04 09:37 −08:00 · 17:37 UTC": the source's wall clock first, then UTC. */
export const EventTime = memo(function EventTime({ iso }: { iso: string }) {
  const t = timeParts(iso);
  if (!t) return <span className="time-bad">{iso || 'no time'}</span>;
  const sameDay = t.utcDate === t.date;
  return (
    <span className="event-time-text">
      <span className="time-local">
        <span className="time-date">{t.date}</span> <strong>{t.clock}</strong>{' '}
        <span className="time-offset">{t.offset}</span>
      </span>
      {t.offset !== 'UTC' && (
        <>
          {' '}
          <span className="time-utc">
            · {!sameDay && `${t.utcDate} `}
            {t.utcClock} UTC
          </span>
        </>
      )}
    </span>
  );
});
