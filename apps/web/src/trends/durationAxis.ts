/**
 * A y axis for durations: one unit for every tick (days when the range is days), round steps of
 * 1, 2 or 5 times a power of ten in that unit, and short labels ("1,500 d") that fit the margin.
 * Mixed labels such as "2208 d 8 h 40 min" did not fit and lost their day part.
 */

const UNITS = [
  { unit: 'd', seconds: 86_400 },
  { unit: 'h', seconds: 3_600 },
  { unit: 'min', seconds: 60 },
  { unit: 's', seconds: 1 },
] as const;

/** At most this many steps between 0 and the top. */
const MAX_STEPS = 5;

export interface DurationAxis {
  /** The axis top, in seconds: the first tick at or above the largest value. */
  readonly top: number;
  /** Tick values in seconds, from 0 up to `top`, each with its label. */
  readonly ticks: readonly { readonly seconds: number; readonly label: string }[];
}

function niceStep(range: number): number {
  const rough = range / MAX_STEPS;
  for (let power = 1; ; power *= 10) {
    for (const m of [1, 2, 5]) if (m * power >= rough) return m * power;
  }
}

/** The axis for values from 0 to `maxSeconds` (at least one second). */
export function durationAxis(maxSeconds: number): DurationAxis {
  const max = Math.max(1, maxSeconds);
  // The largest unit that the range spans at least twice of, so steps are whole units.
  const { unit, seconds } = UNITS.find((u) => max >= 2 * u.seconds) ?? UNITS[3];
  const inUnit = max / seconds;
  const step = niceStep(inUnit);
  const steps = Math.ceil(inUnit / step - 1e-9);
  const ticks = Array.from({ length: steps + 1 }, (_, i) => ({
    seconds: i * step * seconds,
    label: i === 0 ? '0' : `${(i * step).toLocaleString('en')} ${unit}`,
  }));
  return { top: steps * step * seconds, ticks };
}
