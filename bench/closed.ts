/**
 * `pnpm tsx bench/closed.ts [N] [updates] [rounds] [peers…]`: the closed-loop fan-out alone,
 * peers alternating for several rounds (`base`: another checkout's relay, see startNamed), CPU per update per observer as a ratio to the floor.
 * A quicker check than `pnpm bench` while working on the relay's per-update cost.
 */
import { closedLoop } from './fanout.ts';
import { startNamed } from './proc.ts';
import { median, round } from './stats.ts';

const n = Number(process.argv[2] ?? 100);
const updates = Number(process.argv[3] ?? 200);
const rounds = Number(process.argv[4] ?? 3);
const peers = process.argv.length > 5 ? process.argv.slice(5) : ['floor', 'causeway'];
const cpu = new Map<string, number[]>();
for (let r = 0; r < rounds; r++) {
  for (const peer of peers) {
    const relay = await startNamed(peer);
    try {
      const res = await closedLoop({ relays: [relay] }, n, updates);
      cpu.set(peer, [...(cpu.get(peer) ?? []), res.cpuPerUpdatePerObserverUs]);
      console.log(
        `round ${r + 1} ${peer}: p50 ${round(res.p50)} p99 ${round(res.p99)} ms, ${round(res.cpuPerUpdatePerObserverUs)} µs/update/observer`,
      );
    } finally {
      await relay.stop();
    }
  }
}
const floor = median(cpu.get('floor') ?? []);
for (const [peer, xs] of cpu)
  console.log(
    `${peer}: median ${round(median(xs))} µs/update/observer, ÷ floor ${round(median(xs) / floor, 3)}`,
  );
process.exit(0);
