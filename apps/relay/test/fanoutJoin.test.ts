/**
 * A relay loading a board over Redis: the relays already holding it answer with their clients'
 * presence and catch up from storage (rows a relay that lost Redis and stopped could not publish).
 */
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { RedisFanout } from '../src/cluster/redis.ts';
import { createMetrics } from '../src/metrics.ts';
import { countingPeer } from './countingPeer.ts';
import { waitFor } from './helpers.ts';
import { describeWith, REDIS, REDIS_URL } from './services.ts';

const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
} as unknown as FastifyBaseLogger;

await describeWith([REDIS], 'a relay joining a room on the bus', () => {
  const fanouts: RedisFanout[] = [];
  const relay = () => {
    const f = new RedisFanout({
      url: REDIS_URL,
      log: silent,
      metrics: createMetrics({ rooms: () => 0, sockets: () => 0 }, false),
    });
    fanouts.push(f);
    return f;
  };
  afterEach(async () => {
    await Promise.all(fanouts.splice(0).map((f) => f.close()));
  });

  it('makes the relays holding it announce presence and resync from storage, once', async () => {
    const room = `join-${Date.now()}`;
    const a = relay();
    const b = relay();
    await waitFor(() => a.connected && b.connected, 5_000, 'both relays on Redis');
    const holder = countingPeer();
    await a.join(room, holder.peer);
    // A's own query is not answered by A.
    await new Promise((r) => setTimeout(r, 200));
    expect(holder.calls).toMatchObject({ presence: 0, resync: 0 });

    const newcomer = countingPeer();
    await b.join(room, newcomer.peer);
    await waitFor(() => holder.calls.resync === 1, 5_000, 'the holder to resync');
    expect(holder.calls.presence).toBe(1);
    expect(newcomer.calls).toMatchObject({ presence: 0, resync: 0 });
  });
});
