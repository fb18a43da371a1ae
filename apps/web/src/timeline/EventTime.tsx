import { memo } from 'react';
import { timeParts } from './time.ts';

/**
 * Two lines, the same shape on every row: the source's date and wall clock ("2017-02-28 09:37"),
 * then its zone in small muted text ("−08:00 · 17:37 UTC", or just "UTC").
 */
export const EventTime = memo(function EventTime({ iso }: { iso: string }) {
  const t = timeParts(iso);
  if (!t) return <span className="time-bad">{iso || 'no time'}</span>;
  const sameDay = t.utcDate === t.date;
  return (
    <span className="event-time-text">
      <span className="time-local" data-testid="time-local">
        <span className="time-date">{t.date}</span> <strong>{t.clock}</strong>
      </span>
      <span className="time-utc" data-testid="time-utc">
        {t.offset === 'UTC' ? (
          'UTC'
        ) : (
          // Two unbreakable parts: a narrow column wraps between the zone and the UTC time.
          <>
            <span className="time-utc-part">{t.offset} ·</span>{' '}
            <span className="time-utc-part">
              {sameDay ? '' : `${t.utcDate} `}
              {t.utcClock} UTC
            </span>
          </>
        )}
      </span>
    </span>
  );
});
