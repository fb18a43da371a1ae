/**
 * Human durations for metrics: two units at most, so "13 d 0 h" and "22 min" read at a glance at
 * 2 a.m.; exact seconds go next to them wherever precision matters.
 */
export function formatDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '\u2212' : '';
  if (s < 60) return `${sign}${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${sign}${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${sign}${hours} h ${minutes % 60} min`;
  return `${sign}${Math.floor(hours / 24)} d ${hours % 24} h`;
}
