import { METRIC_DEFINITIONS, type Trends } from '@causeway/core';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, fetchTrends } from '../api.ts';
import { navigate } from '../routes.ts';
import { count, plural } from '../ui/count.ts';
import { fillQuarters, MAX_QUARTERS } from './fillQuarters.ts';
import { QuarterChart } from './QuarterChart.tsx';

/** The range in the page's URL (`/trends?from=…&to=…`), so a link or a reload shows the same one. */
function rangeInUrl(): { from: string; to: string } {
  const q = new URLSearchParams(window.location.search);
  return { from: q.get('from') ?? '', to: q.get('to') ?? '' };
}

/** Writes the range asked for into the URL; replaced, not pushed, so Back leaves the page. */
function keepRangeInUrl(from: string, to: string): void {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const search = q.toString() === '' ? '' : `?${q}`;
  window.history.replaceState(null, '', `${window.location.pathname}${search}`);
}

/** Response metrics across every review, per quarter, with how many boards each figure leaves out. */
export function TrendsPage() {
  const [initial] = useState(rangeInUrl);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [data, setData] = useState<(Trends & { boards: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the latest request may fill the page: an older, slower answer is for another range.
  const latest = useRef(0);

  const load = useCallback(async (f: string, t: string) => {
    const request = ++latest.current;
    setError(null);
    try {
      const result = (await fetchTrends(f, t)) as Trends & { boards: number };
      if (request === latest.current) setData(result);
    } catch (err) {
      if (request !== latest.current) return;
      // The charts of the previous range would pass for this one's: none is shown instead.
      setData(null);
      setError(err instanceof ApiError ? err.message : 'Could not load the trends.');
    }
  }, []);
  useEffect(() => {
    void load(initial.from, initial.to);
  }, [load, initial]);
  useEffect(() => {
    document.title = 'Trends · Causeway';
  }, []);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    keepRangeInUrl(from, to);
    void load(from, to);
  };

  const { quarters, cappedSpan } = fillQuarters(data?.quarters ?? []);
  const mostIncidents = Math.max(1, ...quarters.map((q) => q.incidents));
  return (
    <main className="trends" data-testid="trends-page">
      <header className="trends-head">
        <a
          className="brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          Causeway
        </a>
        <h1>Trends across reviews</h1>
        <form className="trends-range" onSubmit={onSubmit}>
          <label className="mini-field">
            <span>From</span>
            <input
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-label="From"
            />
          </label>
          <label className="mini-field">
            <span>To</span>
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label="To" />
          </label>
          <button type="submit" className="primary">
            Show
          </button>
        </form>
      </header>
      {error && (
        <p className="error" role="alert" data-testid="trends-error">
          {/[.!?]$/.test(error) ? error : `${error}.`} No charts are shown until the range is fixed.
        </p>
      )}
      {data && (
        <p className="muted trends-note">
          {plural(data.boards, 'board')} stored; quarters by the incident’s detection time (else its
          first event). A board without both milestones of a metric, or with them out of order, is
          left out of that metric and counted below its chart.
          {data.undated > 0
            ? ` ${plural(data.undated, 'board has', 'boards have')} no date at all.`
            : ''}
          {cappedSpan === null ? ' A quarter without incidents shows 0.' : ''}
        </p>
      )}
      {cappedSpan !== null && (
        <p className="trends-note warn" role="note" data-testid="quarters-capped">
          These incidents span {count(cappedSpan)} quarters, more than {MAX_QUARTERS}: only quarters
          with incidents are shown, so neighbouring bars may be years apart. Narrow the range to see
          every quarter.
        </p>
      )}
      {data && quarters.length === 0 && <p className="empty">No incidents in this range.</p>}
      {quarters.length > 0 && (
        <>
          <section className="chart-grid">
            <figure className="chart" data-testid="incident-chart">
              <figcaption>Incidents per quarter</figcaption>
              <table className="count-table">
                <tbody>
                  {quarters.map((q) => (
                    <tr key={q.quarter}>
                      <th>{q.quarter}</th>
                      <td>
                        {/* No sliver for an empty quarter: 0 reads as nothing there. */}
                        {q.incidents > 0 && (
                          <span
                            className="count-bar"
                            style={{ width: `${(q.incidents / mostIncidents) * 100}%` }}
                          />
                        )}
                      </td>
                      <td className="mono">{count(q.incidents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </figure>
            {METRIC_DEFINITIONS.map((d) => {
              const left = quarters.reduce(
                (acc, q) => ({
                  missing: acc.missing + q.metrics[d.key].missing,
                  outOfOrder: acc.outOfOrder + q.metrics[d.key].outOfOrder,
                }),
                { missing: 0, outOfOrder: 0 },
              );
              return (
                <div key={d.key} className="chart-cell">
                  <QuarterChart
                    title={`${d.label} (${d.definition})`}
                    points={quarters.map((q) => ({ quarter: q.quarter, ...q.metrics[d.key] }))}
                  />
                  <p className="muted chart-note" data-testid={`left-out-${d.key}`}>
                    Left out: {count(left.missing)} missing a milestone, {count(left.outOfOrder)}{' '}
                    out of order.
                  </p>
                </div>
              );
            })}
          </section>
        </>
      )}
    </main>
  );
}
