/** Starts relays under test as child processes and talks to them over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export type PeerName = 'causeway' | 'ywebsocket' | 'hocuspocus' | 'floor';

export interface Stats {
  cpu: NodeJS.CpuUsage;
  mem: NodeJS.MemoryUsage;
  rooms?: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const p = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(p));
    });
  });
}

export class RelayProc {
  private nextId = 1;
  private readonly waiting = new Map<number, (v: unknown) => void>();
  private constructor(
    readonly peer: PeerName,
    readonly port: number,
    readonly child: ChildProcess,
  ) {
    child.on('message', (m: { id?: number }) => {
      if (m.id !== undefined) {
        this.waiting.get(m.id)?.(m);
        this.waiting.delete(m.id);
      }
    });
  }

  /** Forks bench/server.ts for `peer` and waits until it listens. */
  static async start(peer: PeerName, env: Record<string, string> = {}, cpuProf?: string) {
    const port = await freePort();
    const execArgv = ['--import', 'tsx', '--expose-gc'];
    if (cpuProf) execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProf}`);
    // Extra V8/Node flags for the relay alone, e.g. BENCH_RELAY_FLAGS=--trace-deopt.
    const extra = process.env.BENCH_RELAY_FLAGS?.split(' ').filter(Boolean) ?? [];
    execArgv.push(...extra);
    const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [peer], {
      env: { ...process.env, ...env, PORT: String(port) },
      execArgv,
      stdio: ['ignore', extra.length > 0 ? 'inherit' : 'ignore', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${peer} exited with ${code}`)));
    });
    return new RelayProc(peer, port, child);
  }

  private ask<T>(cmd: string): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (v: unknown) => void);
      this.child.send({ cmd, id });
    });
  }

  stats(): Promise<Stats> {
    return this.ask('stats');
  }

  gc(): Promise<{ mem: NodeJS.MemoryUsage }> {
    return this.ask('gc');
  }

  /** Starts the V8 sampling profiler inside the relay. */
  profileStart(): Promise<unknown> {
    return this.ask('profile-start');
  }

  /** Stops it and writes the .cpuprofile to `file`. */
  profileStop(file: string): Promise<unknown> {
    return this.ask(`profile-stop:${file}`);
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.send({ cmd: 'stop', id: 0 });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  /** The WebSocket URL of `room` in this peer's own URL scheme. */
  url(room: string): string {
    const base = `ws://127.0.0.1:${this.port}`;
    if (this.peer === 'causeway') return `${base}/sync/${room}`;
    if (this.peer === 'hocuspocus') return base;
    return `${base}/${room}`;
  }
}

/**
 * A peer named on a script's command line: a PeerName, or `base` for the Causeway relay of
 * another checkout (BENCH_BASE=<its root>), to compare two builds of the relay in one run.
 */
export function startNamed(name: string): Promise<RelayProc> {
  if (name !== 'base') return RelayProc.start(name as PeerName);
  const root = process.env.BENCH_BASE;
  if (!root) throw new Error('peer "base" needs BENCH_BASE=<checkout root>');
  return RelayProc.start('causeway', { BENCH_CAUSEWAY_ROOT: root });
}

/** CPU microseconds (user + system) between two stats. */
export const cpuMicros = (a: Stats, b: Stats) =>
  b.cpu.user - a.cpu.user + (b.cpu.system - a.cpu.system);
