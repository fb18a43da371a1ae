/**
 * The relay as a child process, for kill -9, SIGTERM and start-up tests. It runs as
 * `node --import tsx src/server.ts`: one process, so a signal reaches the relay itself. The tsx
 * CLI would be a wrapper process; SIGKILL on it leaves the real relay running and listening.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const RELAY_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A port free right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RelayProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  /** Everything the relay logged (pino writes to stdout). */
  stdout(): string;
}

/** Spawns the relay with `env` on top of a quiet, web-less default environment. */
export function spawnRelay(env: Record<string, string>): RelayProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: RELAY_DIR,
    env: { ...process.env, LOG_LEVEL: 'warn', CAUSEWAY_WEB_DIST: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stderr: () => err, stdout: () => out };
}

/** Resolves once GET /healthz answers 200. */
export async function healthy(port: number, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - start > timeoutMs) throw new Error('relay did not become healthy');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True while a process with `pid` exists (signal 0 only checks). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when nothing accepts connections on 127.0.0.1:`port`. */
export function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

/**
 * SIGKILLs the relay and proves it is gone: its pid no longer exists and nothing listens on
 * `port`, so a later "restart" cannot be answered by a survivor.
 */
export async function killRelayHard(relay: RelayProcess, port: number): Promise<void> {
  const pid = relay.child.pid;
  if (relay.child.exitCode === null && relay.child.signalCode === null) relay.child.kill('SIGKILL');
  await relay.exited;
  if (pid !== undefined && pidAlive(pid)) throw new Error(`relay pid ${pid} survived SIGKILL`);
  if (!(await portClosed(port))) throw new Error(`port ${port} still listening after SIGKILL`);
}
