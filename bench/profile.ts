/**
 * `pnpm tsx bench/profile.ts [peer] [N] [updates]`: one closed-loop fan-out run with the relay's
 * V8 profiler on for the measured window only, then where the time goes: the functions with the
 * most self time, and the relay's own functions by inclusive time (both as µs per update per
 * observer, the unit of the fan-out goal).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop } from './fanout.ts';
import { type PeerName, RelayProc } from './proc.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const peer = (process.argv[2] ?? 'causeway') as PeerName;
const n = Number(process.argv[3] ?? 100);
const updates = Number(process.argv[4] ?? 300);
const file = join(mkdtempSync(join(tmpdir(), 'causeway-prof-')), 'relay.cpuprofile');
const relay = await RelayProc.start(peer);
if (process.env.BENCH_PERF) {
  // Linux perf over the same window: native frames, the kernel's share and V8's own threads
  // (compiler, GC), which the V8 profiler does not see. Read with `perf report -i <file>`.
  const out = `${file}.perf`;
  let perf: ChildProcess | undefined;
  console.log(
    await closedLoop({ relays: [relay] }, n, updates, {
      start: async () => {
        perf = spawn('perf', [
          'record',
          '-F',
          '2000',
          '-g',
          '-p',
          String(relay.child.pid),
          '-o',
          out,
        ]);
        await new Promise((r) => setTimeout(r, 500));
      },
      stop: async () => {
        perf?.kill('SIGINT');
        await new Promise((r) => perf?.once('exit', r));
      },
    }),
  );
  await relay.stop();
  console.log(`perf data: ${out}`);
  process.exit(0);
}
const result = await closedLoop({ relays: [relay] }, n, updates, {
  start: () => relay.profileStart(),
  stop: () => relay.profileStop(file),
});
await relay.stop();
console.log(result);
console.log(`profile: ${file}`);

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const label = (node: ProfileNode) => {
  const f = node.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').at(-1)}:${f.lineNumber + 1}`;
};
const ours = (node: ProfileNode) => /apps\/relay\/src|packages\/core/.test(node.callFrame.url);
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const leaf = byId.get(id) as ProfileNode;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const node = byId.get(cur) as ProfileNode;
    const key = label(node);
    if (!ours(node) || seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  }
});
const perUpdateObserver = (us: number) => (us / (updates * n)).toFixed(2).padStart(6);
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = self.get('(idle) :0') ?? 0;
console.log(`\nbusy ${perUpdateObserver(total - idle)} µs/update/observer (sampled)`);
const show = (title: string, m: Map<string, number>, k: number) => {
  console.log(`\n${title} (µs per update per observer, % of busy)`);
  for (const [key, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k))
    console.log(
      `${perUpdateObserver(v)} ${((v / (total - idle)) * 100).toFixed(1).padStart(5)}%  ${key}`,
    );
};
show('self time', new Map([...self].filter(([k]) => !k.startsWith('(idle)'))), 25);
show('relay functions, inclusive', inclusive, 25);
