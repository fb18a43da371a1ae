/** `pnpm tsx bench/join.ts [clients] [peers…]`: the join storm alone, on the 5,000-event board. */
import * as Y from 'yjs';
import { boardDoc } from './boards.ts';
import { ObserverPool } from './pool.ts';
import { type PeerName, RelayProc } from './proc.ts';
import { joinStorm } from './scenarios.ts';

const clients = Number(process.argv[2] ?? 100);
const peers = (process.argv.length > 3 ? process.argv.slice(3) : ['causeway']) as PeerName[];
const board = Y.encodeStateAsUpdate(boardDoc(5000, 1000));
const pool = await ObserverPool.start(4);
console.log(`board ${(board.length / 1e6).toFixed(2)} MB`);
for (const peer of peers) {
  const r = await RelayProc.start(peer);
  try {
    const c0 = process.cpuUsage();
    const res = await joinStorm(r, pool, board, clients);
    const c = process.cpuUsage(c0);
    console.log(peer, res, `bench process CPU ${((c.user + c.system) / 1000).toFixed(0)} ms`);
  } finally {
    await r.stop();
  }
}
pool.stop();
process.exit(0);
