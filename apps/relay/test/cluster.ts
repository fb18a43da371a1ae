/** Relays as child processes (so one can be SIGKILLed), a private redis-server, roaming clients. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './helpers.ts';
import { freePort, pidAlive, portClosed } from './process.ts';

const RELAY_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface RelayProcess {
  readonly port: number;
  readonly ws: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

/** Starts `src/server.ts` with `env` on a free port and waits for /healthz. */
export async function spawnRelay(env: Record<string, string>): Promise<RelayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: RELAY_DIR,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const start = Date.now();
  while (!(await healthy(port))) {
    if (child.exitCode !== null) throw new Error(`relay exited with ${child.exitCode}`);
    // 60 s: a tsx start-up on a loaded 2-core machine has taken more than 20 s.
    if (Date.now() - start > 60_000) {
      child.kill('SIGKILL'); // never leave an orphan relay behind a failed start
      throw new Error('relay did not become healthy');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, ws: `ws://127.0.0.1:${port}/sync`, child, exited };
}

/** SIGKILL: no flush, no close frames; what only the clients hold must come back from them. */
export async function killRelay(r: RelayProcess): Promise<void> {
  const pid = r.child.pid;
  r.child.kill('SIGKILL');
  await r.exited;
  if (pid !== undefined && pidAlive(pid)) throw new Error(`relay pid ${pid} survived SIGKILL`);
  if (!(await portClosed(r.port))) throw new Error(`port ${r.port} still listening after SIGKILL`);
}

export async function stopRelay(r: RelayProcess): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  r.child.kill('SIGTERM');
  await r.exited;
}

export interface RedisProcess {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/** A throwaway redis-server (no persistence) on `port`, so restarting it disturbs nobody else. */
export async function startRedis(port: number): Promise<RedisProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const up = (async () => {
    const { createConnection } = await import('node:net');
    const start = Date.now();
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = createConnection({ host: '127.0.0.1', port });
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (ok) return;
      if (Date.now() - start > 10_000) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await Promise.race([up, spawnError]);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface RoamingClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  destroy(): void;
}

/**
 * A stock provider that moves to the next relay in `urls` whenever its socket closes, as a
 * load balancer would send it elsewhere once its relay is gone.
 */
export function roamingClient(urls: readonly string[], first: number, room: string): RoamingClient {
  const doc = new Y.Doc();
  let i = first;
  const provider = new WebsocketProvider(urls[i % urls.length] as string, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.on('connection-close', () => {
    i++;
    provider.serverUrl = urls[i % urls.length] as string;
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until every client's map equals `expected`. */
export async function converged(
  clients: readonly RoamingClient[],
  expected: Record<string, unknown>,
  timeoutMs = 15_000,
): Promise<void> {
  const want = JSON.stringify(Object.entries(expected).sort());
  const same = (c: RoamingClient) =>
    JSON.stringify(Object.entries(c.doc.getMap('m').toJSON()).sort()) === want;
  await waitFor(() => clients.every(same), timeoutMs, 'clients to converge');
}
