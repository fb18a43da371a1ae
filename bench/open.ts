/**
 * `pnpm tsx bench/open.ts [N] [seconds] [rates,…] [peers…]`: the open-loop fan-out alone (W = 10
 * writers, observers in child processes), each peer up to its first miss (`base`: another checkout's relay, see startNamed).
 */
import { openLoopStep, warmUpPool } from './fanout.ts';
import { ObserverPool } from './pool.ts';
import { RelayProc, startNamed } from './proc.ts';
import { round } from './stats.ts';

const n = Number(process.argv[2] ?? 500);
const seconds = Number(process.argv[3] ?? 5);
const rates = (process.argv[4] ?? '100,200,400,800,1600,3200,6400').split(',').map(Number);
const peers = process.argv.length > 5 ? process.argv.slice(5) : ['floor', 'causeway'];
const pool = await ObserverPool.start(4);
const warm = await RelayProc.start('causeway');
await warmUpPool({ relays: [warm] }, pool, n);
await warm.stop();
const failed = new Set<string>();
for (const rate of rates) {
  for (const peer of peers) {
    if (failed.has(peer)) continue;
    const relay = await startNamed(peer);
    try {
      const s = await openLoopStep({ relays: [relay] }, pool, n, 10, rate, seconds);
      if (!s.ok) failed.add(peer);
      console.log(
        `${rate}/s ${peer}: ${s.ok ? 'ok' : 'MISS'} p50 ${round(s.p50)} p99 ${round(s.p99)} ms, delivered ${s.delivered}/${s.expected}, relay CPU ${round(s.relayCpuPct, 0)}% (${round(s.relayCpuUsPerUpdate, 0)} µs/update)`,
      );
    } finally {
      await relay.stop();
    }
  }
}
pool.stop();
process.exit(0);
