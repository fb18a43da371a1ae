import { formatDuration } from '@causeway/core';
import { memo } from 'react';
import { count, plural } from '../ui/count.ts';
import { durationAxis } from './durationAxis.ts';

export interface QuarterPoint {
  readonly quarter: string;
  readonly n: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
}

const W = 460;
const H = 210;
const PAD = { left: 64, right: 12, top: 16, bottom: 40 };
const SERIES = [
  { key: 'median', label: 'median', color: '#2f5fd0' },
  { key: 'mean', label: 'mean', color: '#0f7d8c' },
  { key: 'p90', label: '90th percentile', color: '#b35c00' },
] as const;

/** Grouped bars (median, mean, p90) per quarter for one metric, in plain SVG. */
export const QuarterChart = memo(function QuarterChart({
  title,
  points,
}: {
  readonly title: string;
  readonly points: readonly QuarterPoint[];
}) {
  if (points.every((p) => p.n === 0)) {
    return (
      <figure className="chart" data-testid="quarter-chart">
        <figcaption>{title}</figcaption>
        <p className="empty chart-empty">No board in range has both milestones in order.</p>
      </figure>
    );
  }
  const max = Math.max(1, ...points.flatMap((p) => [p.mean ?? 0, p.median ?? 0, p.p90 ?? 0]));
  const { top, ticks } = durationAxis(max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const group = plotW / Math.max(1, points.length);
  // Up to ten years of quarters (gaps filled): bars thin out, and only every `step`-th quarter is
  // labelled, since a "2024-Q1" label needs about 56 units of width.
  const bar = Math.max(1.5, Math.min(22, (group - Math.min(12, group / 4)) / 3));
  const step = Math.ceil(56 / group);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  return (
    <figure className="chart" data-testid="quarter-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title} per quarter`}>
        {ticks.map((t) => (
          <g key={t.seconds}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(t.seconds)}
              y2={y(t.seconds)}
              stroke="#e3e6ea"
            />
            <text
              x={PAD.left - 6}
              y={y(t.seconds) + 4}
              textAnchor="end"
              fontSize="11"
              fill="#4a5566"
              data-testid="axis-tick"
            >
              {t.label}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const x0 = PAD.left + i * group + (group - bar * 3) / 2;
          return (
            <g key={p.quarter}>
              {SERIES.map((s, j) => {
                const v = p[s.key];
                return v === null ? null : (
                  <rect
                    key={s.key}
                    x={x0 + j * bar}
                    y={y(v)}
                    width={bar - Math.min(2, bar / 5)}
                    height={Math.max(1, y(0) - y(v))}
                    fill={s.color}
                  >
                    <title>{`${p.quarter} ${s.label}: ${formatDuration(v)} (${plural(p.n, 'board')})`}</title>
                  </rect>
                );
              })}
              {i % step === 0 && (
                <>
                  <text
                    x={PAD.left + i * group + group / 2}
                    y={H - PAD.bottom + 16}
                    textAnchor="middle"
                    fontSize="12"
                    fill="#1c2430"
                    data-testid="quarter-label"
                  >
                    {p.quarter}
                  </text>
                  <text
                    x={PAD.left + i * group + group / 2}
                    y={H - PAD.bottom + 30}
                    textAnchor="middle"
                    fontSize="11"
                    fill="#6b7585"
                  >
                    n={count(p.n)}
                  </text>
                </>
              )}
            </g>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#1c2430" />
      </svg>
      <div className="legend">
        {SERIES.map((s) => (
          <span key={s.key}>
            <i style={{ background: s.color }} /> {s.label}
          </span>
        ))}
      </div>
    </figure>
  );
});
