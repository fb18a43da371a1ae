/**
 * `pnpm tsx bench/profile.ts [peer] [N]`: one closed-loop fan-out run with the relay under
 * --cpu-prof, then the functions with the most self time, to see where the time per update per
 * observer goes.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop } from './fanout.ts';
import { type PeerName, RelayProc } from './proc.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const peer = (process.argv[2] ?? 'causeway') as PeerName;
const n = Number(process.argv[3] ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'causeway-prof-'));
const relay = await RelayProc.start(peer, {}, dir);
console.log(await closedLoop({ relays: [relay] }, n, 300));
await relay.stop();

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const f = byId.get(id)?.callFrame;
  const key = f
    ? `${f.functionName || '(anonymous)'} ${f.url.split('/').at(-1)}:${f.lineNumber}`
    : '?';
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
