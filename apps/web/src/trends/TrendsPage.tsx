import { METRIC_DEFINITIONS, type Trends } from '@causeway/core';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, fetchTrends } from '../api.ts';
import { navigate } from '../routes.ts';
import { count, plural } from '../ui/count.ts';
import { QuarterChart } from './QuarterChart.tsx';

/** Response metrics across every review, per quarter, with how many boards each figure leaves out. */
export function TrendsPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [data, setData] = useState<(Trends & { boards: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (f: string, t: string) => {
    setError(null);
    try {
      setData((await fetchTrends(f, t)) as Trends & { boards: number });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load the trends.');
    }
  }, []);
  useEffect(() => {
    void load('', '');
  }, [load]);
  useEffect(() => {
    document.title = 'Trends · Causeway';
  }, []);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void load(from, to);
  };

  const quarters = data?.quarters ?? [];
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
        <p className="error" role="alert">
          {error}
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
                        <span
                          className="count-bar"
                          style={{
                            width: `${(q.incidents / Math.max(...quarters.map((x) => x.incidents))) * 100}%`,
                          }}
                        />
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
