/**
 * Human durations for the metrics panel: "13 d 0 h", "2 d 7 h 30 min", "22 min". Nothing is
 * rounded away above the second (a reviewer reading "2 d 7 h" for 2 d 7 h 30 min is misled);
 * the exact seconds also go in the title for anyone who needs them.
 */
export function formatDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '\u2212' : '';
  if (s < 60) return `${sign}${s} s`;
  const minutes = Math.floor(s / 60);
  const secs = s % 60 > 0 ? ` ${s % 60} s` : '';
  if (minutes < 60) return `${sign}${minutes} min${secs}`;
  const hours = Math.floor(minutes / 60);
  const mins = minutes % 60 > 0 ? ` ${minutes % 60} min` : '';
  if (hours < 24) return `${sign}${hours} h${mins || ' 0 min'}`;
  return `${sign}${Math.floor(hours / 24)} d ${hours % 24} h${mins}`;
}
