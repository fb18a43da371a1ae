/**
 * Fan-out: one room, writers sending small Yjs updates, N observers. Closed loop (one update in
 * flight) measures latency and relay CPU per update per observer; open loop (fixed rate) finds
 * the highest rate a relay sustains.
 */
import * as Y from 'yjs';
import { BenchClient, openClients } from './client.ts';
import type { ObserverPool } from './pool.ts';
import { cpuMicros, type RelayProc } from './proc.ts';
import { Histogram, mb, sharedNow, sleep } from './stats.ts';

/** A writer: its own doc, one array push per update, so an update is (client, clock). */
class Writer {
  readonly doc = new Y.Doc();
  private readonly arr = this.doc.getArray<number>('a');
  private last: Uint8Array = new Uint8Array();
  clock = 0;
  constructor(readonly client: BenchClient) {
    this.doc.on('update', (u: Uint8Array) => {
      this.last = u;
    });
  }
  /** Sends the next update (one array item holding `value`); returns its clock. */
  next(value: number = this.clock): number {
    this.arr.push([value]);
    this.client.sendUpdate(this.last);
    return this.clock++;
  }
}

/** Where each observer stands per writer client id (highest clock + 1 received). */
function track(
  observers: readonly BenchClient[],
  onNew: (writer: number, clock: number, at: number) => void,
) {
  for (const o of observers) {
    const seen = new Map<number, number>();
    o.onUpdate = (update, at) => {
      const { to } = Y.parseUpdateMeta(update);
      for (const [client, end] of to) {
        const from = seen.get(client) ?? 0;
        if (end <= from) continue;
        seen.set(client, end);
        for (let c = from; c < end; c++) onNew(client, c, at);
      }
    };
  }
}

export interface Placement {
  /** The relays of one deployment (1, or 3 sharing through Redis); observers spread over them. */
  readonly relays: readonly RelayProc[];
}

async function openRoom(p: Placement, room: string, observers: number, writers: number) {
  const urlFor = (i: number) => {
    const r = p.relays[i % p.relays.length] as RelayProc;
    return new BenchClient(r.peer, r.url(room), room);
  };
  // Writers on the first relay, observers spread (the cross-relay hop is in the measurement).
  const ws = await openClients(writers, () => {
    const r = p.relays[0] as RelayProc;
    return new BenchClient(r.peer, r.url(room), room);
  });
  const obs = await openClients(observers, (i) => urlFor(i + 1));
  await sleep(300);
  return { writers: ws.map((c) => new Writer(c)), observers: obs };
}

const totalStats = async (p: Placement) => Promise.all(p.relays.map((r) => r.stats()));
const cpuSum = (a: Awaited<ReturnType<typeof totalStats>>, b: typeof a) =>
  a.reduce((s, x, i) => s + cpuMicros(x, b[i] as (typeof a)[number]), 0);

export interface ClosedLoopResult {
  n: number;
  updates: number;
  p50: number;
  p99: number;
  cpuPerUpdatePerObserverUs: number;
  rssMb: number;
}

/** How long `warmUp` runs; BENCH_WARMUP_MS overrides. */
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 2000);

/**
 * Runs a small closed loop (1 writer, 4 observers) in a room of its own for WARMUP_MS, so the
 * measurement sees the relay's steady state: V8 optimises a relay's per-update path only after
 * a few thousand updates, on compiler threads whose CPU is the process's too (with a 20-update
 * warm-up, Causeway's fixed cost per update measured about twice its steady state). A large N
 * does only a few dozen updates a second, too few to get there on its own.
 */
export async function warmUp(p: Placement): Promise<void> {
  const room = `warm-${Date.now()}`;
  const { writers, observers } = await openRoom(p, room, 4, 1);
  const writer = writers[0] as Writer;
  let pending = 0;
  let done: (() => void) | null = null;
  track(observers, () => {
    if (--pending === 0) done?.();
  });
  const until = performance.now() + WARMUP_MS;
  while (performance.now() < until) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('warm-up stalled')), 10_000);
      pending = observers.length;
      done = () => {
        clearTimeout(timer);
        resolve();
      };
      writer.next();
    });
  }
  for (const c of [...observers, writer.client]) c.close();
}

/** Called around the measured window (bench/profile.ts profiles only that). */
export interface MeasureHooks {
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
}

/** Closed loop: send, wait until all N observers have it, repeat. */
export async function closedLoop(
  p: Placement,
  n: number,
  updates: number,
  hooks?: MeasureHooks,
): Promise<ClosedLoopResult> {
  await warmUp(p);
  const room = `closed-${n}-${Date.now()}`;
  const { writers, observers } = await openRoom(p, room, n, 1);
  const writer = writers[0] as Writer;
  const hist = new Histogram();
  let sentAt = 0;
  let pending = 0;
  let done: (() => void) | null = null;
  let measuring = false;
  track(observers, (_w, _c, at) => {
    if (measuring) hist.add(at - sentAt);
    if (--pending === 0) done?.();
  });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      pending = n;
      const timer = setTimeout(
        () => reject(new Error(`closed loop stalled (${pending} missing)`)),
        10_000,
      );
      done = () => {
        clearTimeout(timer);
        resolve();
      };
      sentAt = performance.now();
      writer.next();
    });
  for (let i = 0; i < 20; i++) await once();
  await hooks?.start();
  const before = await totalStats(p);
  measuring = true;
  for (let i = 0; i < updates; i++) await once();
  measuring = false;
  const after = await totalStats(p);
  await hooks?.stop();
  for (const c of [...observers, writer.client]) c.close();
  return {
    n,
    updates,
    p50: hist.quantile(0.5),
    p99: hist.quantile(0.99),
    cpuPerUpdatePerObserverUs: cpuSum(before, after) / (updates * n),
    rssMb: mb(after.reduce((s, x) => s + x.mem.rss, 0)),
  };
}

export interface OpenLoopStep {
  rate: number;
  sent: number;
  delivered: number;
  expected: number;
  p50: number;
  p99: number;
  relayCpuPct: number;
  /** Relay CPU per update sent (all observers' sends included): steadier than latency here. */
  relayCpuUsPerUpdate: number;
  ok: boolean;
}

/**
 * Runs the observer processes through an untimed open loop once: a cold pool decoded the first
 * measured step's frames with unoptimised code, and the first peer measured paid for it (a p99
 * of 65-105 ms at 800 updates/s that the same relay met with 35 ms once the pool was warm).
 */
export async function warmUpPool(p: Placement, pool: ObserverPool, n: number): Promise<void> {
  await openLoopStep(p, pool, n, 10, 400, 3);
}

/**
 * Open loop at `rate` updates/s total from W writers for `seconds`, then drains up to 2 s.
 * Observers live in `pool`'s processes; each item a writer pushes holds its send time on the
 * shared clock, so latency is measured where the update lands.
 */
export async function openLoopStep(
  p: Placement,
  pool: ObserverPool,
  n: number,
  w: number,
  rate: number,
  seconds: number,
): Promise<OpenLoopStep> {
  // A fresh relay process per step: without this its first second ran unoptimised code.
  await warmUp(p);
  const room = `open-${rate}-${Date.now()}`;
  const ws = await openClients(w, () => {
    const r = p.relays[0] as RelayProc;
    return new BenchClient(r.peer, r.url(room), room);
  });
  const writers = ws.map((c) => new Writer(c));
  await pool.open(p.relays, room, n);
  await sleep(300);
  const before = await totalStats(p);
  const start = performance.now();
  // The first half second warms up (JIT, buffers); its updates must arrive but are not timed.
  await pool.start(sharedNow() + 500);
  let sent = 0;
  const total = Math.round(rate * seconds);
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) {
        (writers[sent % writers.length] as Writer).next(sharedNow());
        sent++;
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  const expected = sent * n;
  const drainStart = performance.now();
  let report = await pool.report();
  while (report.delivered < expected && performance.now() - drainStart < 2000) {
    await sleep(50);
    report = await pool.report();
  }
  const after = await totalStats(p);
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  for (const c of ws) c.close();
  await sleep(300);
  const { delivered, hist } = report;
  const p99 = hist.quantile(0.99);
  return {
    rate,
    sent,
    delivered,
    expected,
    p50: hist.quantile(0.5),
    p99,
    relayCpuPct: (cpuSum(before, after) / 1e6 / elapsed) * 100,
    relayCpuUsPerUpdate: cpuSum(before, after) / sent,
    ok: delivered === expected && p99 <= 50,
  };
}
