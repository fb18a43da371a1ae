/** What an import would do, before it does it: counts, zone assumption, notes, refusals, sample. */
import type { PreviewSummary } from '@causeway/core';
import { memo } from 'react';
import { EventTime } from '../timeline/EventTime.tsx';
import { phaseClass } from '../timeline/phases.ts';

const n = (x: number) => x.toLocaleString('en');
const plural = (x: number, word: string) => `${n(x)} ${word}${x === 1 ? '' : 's'}`;
/** Refusals shown in the list; the rest are counted. */
const SHOWN_REFUSALS = 100;

function Headline({ s }: { s: PreviewSummary }) {
  if (s.refusedCount > 0)
    return (
      <p className="imp-headline bad" data-testid="import-headline">
        Nothing can be imported yet: {plural(s.refusedCount, 'row')} refused. Fix the file, or
        change the format, zone or columns above.
      </p>
    );
  if (s.toAdd === 0)
    return (
      <p className="imp-headline same" data-testid="import-headline">
        Nothing new: every event in this file is already on the board.
      </p>
    );
  return (
    <p className="imp-headline good" data-testid="import-headline">
      Ready to add {plural(s.toAdd, 'event')} to the timeline.
    </p>
  );
}

interface Props {
  readonly summary: PreviewSummary;
  /** False once the commit failed: the error below says what happened, not "Ready to add". */
  readonly showHeadline?: boolean;
}

export const PreviewView = memo(function PreviewView({ summary: s, showHeadline = true }: Props) {
  const skipped = s.duplicates.onBoard + s.duplicates.inFile;
  return (
    <div className="imp-preview" data-testid="import-preview">
      {showHeadline && <Headline s={s} />}
      <dl className="imp-counts">
        <div>
          <dt>Rows read</dt>
          <dd data-testid="import-rows">{n(s.totalRows)}</dd>
        </div>
        <div>
          <dt>Events found</dt>
          <dd data-testid="import-parsed">{n(s.parsed)}</dd>
        </div>
        <div className={s.refusedCount > 0 ? 'bad' : ''}>
          <dt>Rows refused</dt>
          <dd data-testid="import-refused-count">{n(s.refusedCount)}</dd>
        </div>
        <div>
          <dt>Already on the board</dt>
          <dd data-testid="import-duplicates">{n(skipped)}</dd>
        </div>
      </dl>
      <ul className="imp-notes">
        {/* Nothing to say about zones when no time was read; without an assumption, say only that. */}
        {(s.zoneNote || s.parsed > 0) && (
          <li className={s.zoneNote ? 'zone' : ''} data-testid="import-zone-note">
            <strong>Time zone:</strong>{' '}
            {s.zoneNote ??
              'none assumed: every time named its own offset or zone, or was an epoch.'}
          </li>
        )}
        {skipped > 0 && (
          <li>
            <strong>Skipped:</strong> {plural(s.duplicates.onBoard, 'event')} already on the board
            {s.duplicates.inFile > 0 &&
              `, ${plural(s.duplicates.inFile, 'row')} repeated in the file`}
            .
          </li>
        )}
        {s.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      {s.refusedCount > 0 && (
        <section className="imp-refused" aria-label="Refused rows">
          <h3>Refused rows</h3>
          <ul data-testid="import-refused">
            {s.refused.slice(0, SHOWN_REFUSALS).map((r) => (
              <li key={`${r.row}:${r.reason}`}>
                <span className="row-no">{r.row === 0 ? 'File' : `Row ${r.row}`}</span> {r.reason}
              </li>
            ))}
          </ul>
          {s.refusedCount > SHOWN_REFUSALS && (
            <p className="muted">…and {n(s.refusedCount - SHOWN_REFUSALS)} more.</p>
          )}
        </section>
      )}
      {s.sample.length > 0 && (
        <section aria-label="First events">
          <h3>
            First {s.sample.length} of {plural(s.parsed, 'event')}
          </h3>
          <div className="imp-table-wrap">
            <table className="imp-sample" data-testid="import-sample">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Phase</th>
                  <th scope="col">Description</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {s.sample.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; two rows may be identical
                  <tr key={i}>
                    <td className="imp-time">
                      <EventTime iso={e.time} />
                    </td>
                    <td>
                      <span className={phaseClass(e.phase ?? null)}>{e.phase ?? 'none'}</span>
                    </td>
                    <td className="imp-desc">{e.description}</td>
                    <td className="imp-source">{e.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
});
