/** A loaded room as the Redis bus sees it (FanoutPeer), counting what it is asked to do. */
import type { FanoutPeer } from '../src/cluster/fanout.ts';

export function countingPeer() {
  const calls = { presence: 0, resync: 0 };
  const peer: FanoutPeer = {
    remoteUpdate() {},
    remoteAwareness() {},
    presenceWanted() {
      calls.presence++;
    },
    async resync() {
      calls.resync++;
    },
    remoteDelete() {},
  };
  return { peer, calls };
}
