/**
 * Fan-out: one room, writers sending small Yjs updates, N observers. Closed loop (one update in
 * flight) measures latency and relay CPU per update per observer; open loop (fixed rate) finds
 * the highest rate a relay sustains.
 */
import * as Y from 'yjs';
import { BenchClient, openClients } from './client.ts';
import { cpuMicros, type RelayProc } from './proc.ts';
import { Histogram, mb, sleep } from './stats.ts';

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
  /** Sends the next update; returns its clock. */
  next(): number {
    this.arr.push([this.clock]);
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

/** Closed loop: send, wait until all N observers have it, repeat. */
export async function closedLoop(
  p: Placement,
  n: number,
  updates: number,
): Promise<ClosedLoopResult> {
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
  const before = await totalStats(p);
  measuring = true;
  for (let i = 0; i < updates; i++) await once();
  measuring = false;
  const after = await totalStats(p);
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
  ok: boolean;
}

/** Open loop at `rate` updates/s total from W writers for `seconds`; then drains up to 2 s. */
export async function openLoopStep(
  p: Placement,
  n: number,
  w: number,
  rate: number,
  seconds: number,
): Promise<OpenLoopStep> {
  const room = `open-${rate}-${Date.now()}`;
  const { writers, observers } = await openRoom(p, room, n, w);
  const sentAt = new Map<number, number[]>();
  for (const wr of writers) sentAt.set(wr.doc.clientID, []);
  const hist = new Histogram();
  let delivered = 0;
  // The first half second warms up (JIT, buffers); its updates must arrive but are not timed.
  let measureFrom = Number.POSITIVE_INFINITY;
  track(observers, (client, clock, at) => {
    const t = sentAt.get(client)?.[clock];
    if (t === undefined) return;
    if (t >= measureFrom) hist.add(at - t);
    delivered++;
  });
  const before = await totalStats(p);
  const start = performance.now();
  measureFrom = start + 500;
  let sent = 0;
  const total = Math.round(rate * seconds);
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) {
        const wr = writers[sent % writers.length] as Writer;
        const times = sentAt.get(wr.doc.clientID) as number[];
        times[wr.clock] = performance.now();
        wr.next();
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
  while (delivered < expected && performance.now() - drainStart < 2000) await sleep(20);
  const after = await totalStats(p);
  const elapsed = (performance.now() - start) / 1000;
  for (const c of [...observers, ...writers.map((x) => x.client)]) c.close();
  await sleep(300);
  const p99 = hist.quantile(0.99);
  return {
    rate,
    sent,
    delivered,
    expected,
    p50: hist.quantile(0.5),
    p99,
    relayCpuPct: (cpuSum(before, after) / 1e6 / elapsed) * 100,
    ok: delivered === expected && p99 <= 50,
  };
}
