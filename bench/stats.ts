/** Latency histograms in 0.05 ms buckets (fixed memory however many samples) and helpers. */
const BUCKET_MS = 0.05;
const BUCKETS = 200_000; // 10 s

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;

  add(ms: number): void {
    const b = Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)));
    this.counts[b] = (this.counts[b] ?? 0) + 1;
    this.count++;
  }

  /** Non-empty buckets as [index, count] pairs, to send a histogram between processes. */
  sparse(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    this.counts.forEach((n, b) => {
      if (n > 0) out.push([b, n]);
    });
    return out;
  }

  /** Adds another histogram's `sparse()` counts. */
  merge(pairs: ReadonlyArray<readonly [number, number]>): void {
    for (const [b, n] of pairs) {
      this.counts[b] = (this.counts[b] ?? 0) + n;
      this.count += n;
    }
  }

  /** The q-quantile in ms (upper edge of its bucket); NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const target = Math.ceil(q * this.count);
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b] ?? 0;
      if (seen >= target) return (b + 1) * BUCKET_MS;
    }
    return BUCKETS * BUCKET_MS;
  }
}

export const round = (x: number, digits = 2) => {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds on a clock every process on this machine shares (for cross-process latency). */
export const sharedNow = () => performance.timeOrigin + performance.now();

/** The middle value (the upper middle of an even count); NaN for none. */
export const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
