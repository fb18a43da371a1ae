/** The open loop's observers and the join storm's joiners, spread over child processes. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RelayProc } from './proc.ts';
import { Histogram } from './stats.ts';

class ObserverProc {
  private nextId = 1;
  private readonly waiting = new Map<number, (v: unknown) => void>();
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: { id?: number }) => {
      if (m.id === undefined) return;
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }
  ask<T>(msg: object): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (v: unknown) => void);
      this.child.send({ ...msg, id });
    });
  }
}

export class ObserverPool {
  private constructor(private readonly procs: readonly ObserverProc[]) {}

  /** Forks `size` observer processes. */
  static async start(size: number): Promise<ObserverPool> {
    const script = fileURLToPath(new URL('./observers.ts', import.meta.url));
    const procs = await Promise.all(
      Array.from({ length: size }, async () => {
        const child = fork(script, [], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        await new Promise<void>((resolve, reject) => {
          child.once('message', () => resolve());
          child.once('exit', (code) => reject(new Error(`observer process exited with ${code}`)));
        });
        return new ObserverProc(child);
      }),
    );
    return new ObserverPool(procs);
  }

  /** Opens `n` observers of `room`, spread over the processes and over `relays` (from the second). */
  async open(relays: readonly RelayProc[], room: string, n: number): Promise<void> {
    const urls: string[][] = this.procs.map(() => []);
    for (let i = 0; i < n; i++) {
      const r = relays[(i + 1) % relays.length] as RelayProc;
      urls[i % this.procs.length]?.push(r.url(room));
    }
    const peer = relays[0]?.peer;
    await Promise.all(this.procs.map((p, j) => p.ask({ cmd: 'open', peer, urls: urls[j], room })));
  }

  /** Updates sent at or after `measureFrom` (shared clock) are timed. */
  async start(measureFrom: number): Promise<void> {
    await Promise.all(this.procs.map((p) => p.ask({ cmd: 'start', measureFrom })));
  }

  /** (writer, clock) pairs received, summed over observers, and the merged latency histogram. */
  async report(): Promise<{ delivered: number; hist: Histogram }> {
    const parts = await Promise.all(
      this.procs.map((p) =>
        p.ask<{ delivered: number; buckets: Array<[number, number]> }>({ cmd: 'report' }),
      ),
    );
    const hist = new Histogram();
    for (const part of parts) hist.merge(part.buckets);
    return { delivered: parts.reduce((s, x) => s + x.delivered, 0), hist };
  }

  /**
   * `n` clients join `room` on `relay` at once, spread over the processes; returns the
   * shared-clock time each one held the board.
   */
  async join(relay: RelayProc, room: string, n: number): Promise<number[]> {
    const urls: string[][] = this.procs.map(() => []);
    for (let i = 0; i < n; i++) urls[i % this.procs.length]?.push(relay.url(room));
    const parts = await Promise.all(
      this.procs.map((p, j) =>
        p.ask<{ synced: number[] }>({ cmd: 'join', peer: relay.peer, urls: urls[j], room }),
      ),
    );
    return parts.flatMap((x) => x.synced);
  }

  async close(): Promise<void> {
    await Promise.all(this.procs.map((p) => p.ask({ cmd: 'close' })));
  }

  stop(): void {
    for (const p of this.procs) p.child.kill();
  }
}
