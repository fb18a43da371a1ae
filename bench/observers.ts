/**
 * A child process holding a share of the open loop's observers (`ObserverPool` forks several),
 * so the load generator is not one Node process receiving every frame of every observer.
 * Observers apply nothing: each decodes the updates it receives just far enough to read the
 * send time the writer put in each array item (`Date`-comparable, performance.timeOrigin + now,
 * one clock across processes), counts every (writer, clock) once per observer, and keeps a
 * latency histogram the parent collects.
 * The join storm's joiners live here too (`join`), each process receiving its share of the board.
 * IPC in: open {peer, urls, room}, start {measureFrom}, report, close, join {peer, urls, room}.
 * Out: replies by id.
 */
import * as Y from 'yjs';
import { BenchClient, openClients } from './client.ts';
import type { PeerName } from './proc.ts';
import { Histogram, sharedNow } from './stats.ts';

let clients: BenchClient[] = [];
let hist = new Histogram();
let delivered = 0;
let measureFrom = Number.POSITIVE_INFINITY;

/** One run of array items a frame carries: the writer's client id, first clock, send times. */
interface Run {
  client: number;
  clock: number;
  values: unknown[];
}

/**
 * Every observer in this process receives the same frames, byte for byte: decode each distinct
 * frame once. Without this the load generator, not the relay, was the open loop's bound (125
 * observers per process each running Y.decodeUpdate on every frame).
 */
const decoded = new Map<string, Run[]>();
function runsOf(update: Uint8Array): Run[] {
  const key = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
  let runs = decoded.get(key);
  if (runs) return runs;
  runs = [];
  for (const s of Y.decodeUpdate(update).structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    runs.push({ client: s.id.client, clock: s.id.clock, values: s.content.arr });
  }
  if (decoded.size >= 4096) decoded.clear();
  decoded.set(key, runs);
  return runs;
}

/** Reads the writer's send time from each array item an update carries. */
function watch(c: BenchClient): void {
  const seen = new Map<number, number>();
  c.onUpdate = (update) => {
    const at = sharedNow();
    for (const { client, clock, values } of runsOf(update)) {
      const from = seen.get(client) ?? 0;
      if (clock + values.length <= from) continue;
      seen.set(client, clock + values.length);
      for (let i = Math.max(0, from - clock); i < values.length; i++) {
        const sent = values[i];
        delivered++;
        if (typeof sent === 'number' && sent >= measureFrom) hist.add(at - sent);
      }
    }
  };
}

type Msg =
  | { id: number; cmd: 'open'; peer: PeerName; urls: string[]; room: string }
  | { id: number; cmd: 'start'; measureFrom: number }
  | { id: number; cmd: 'report' }
  | { id: number; cmd: 'close' }
  | { id: number; cmd: 'join'; peer: PeerName; urls: string[]; room: string };

process.on('message', async (m: Msg) => {
  const reply = (body: object = {}) => process.send?.({ id: m.id, ...body });
  if (m.cmd === 'open') {
    hist = new Histogram();
    delivered = 0;
    measureFrom = Number.POSITIVE_INFINITY;
    clients = await openClients(
      m.urls.length,
      (i) => new BenchClient(m.peer, m.urls[i] as string, m.room),
    );
    for (const c of clients) watch(c);
    reply();
  } else if (m.cmd === 'start') {
    measureFrom = m.measureFrom;
    reply();
  } else if (m.cmd === 'report') {
    reply({ delivered, buckets: hist.sparse() });
  } else if (m.cmd === 'join') {
    // All at once, as a join storm does: the shared-clock time each one holds the board.
    const joiners = m.urls.map((url) => new BenchClient(m.peer, url, m.room));
    const synced = await Promise.all(joiners.map((c) => c.synced));
    for (const c of joiners) c.close();
    reply({ synced: synced.map((t) => performance.timeOrigin + t) });
  } else if (m.cmd === 'close') {
    for (const c of clients) c.close();
    clients = [];
    reply();
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
