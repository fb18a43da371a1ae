/**
 * The relay's Prometheus metrics, one registry per app (tests run several relays in a process).
 * Rooms and sockets are read from the room registry when scraped, so they cannot drift.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface RelayMetrics {
  readonly registry: Registry;
  /** Doc updates relayed (from local clients, REST and other relays). */
  readonly updates: Counter;
  /** Seconds per append of one batch to storage. */
  readonly storeSeconds: Histogram;
  /** Messages exchanged with other relays, by direction and kind. */
  readonly fanoutMessages: Counter<'direction' | 'kind'>;
  /** Times the bus connection came back and rooms resynced from storage. */
  readonly fanoutResyncs: Counter;
}

export interface LiveCounts {
  rooms(): number;
  sockets(): number;
  /** Whether the Redis bus is connected; absent for a relay on its own (no gauge then). */
  fanoutConnected?: (() => boolean) | undefined;
}

/** Builds the registry; `live` is read on every scrape. */
export function createMetrics(live: LiveCounts, defaults = true): RelayMetrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'causeway_' });
  new Gauge({
    name: 'causeway_rooms',
    help: 'Rooms loaded in this relay.',
    registers: [registry],
    collect() {
      this.set(live.rooms());
    },
  });
  new Gauge({
    name: 'causeway_sockets',
    help: 'Client sockets connected to this relay.',
    registers: [registry],
    collect() {
      this.set(live.sockets());
    },
  });
  const { fanoutConnected } = live;
  if (fanoutConnected) {
    new Gauge({
      name: 'causeway_fanout_connected',
      help: '1 while Redis is reachable; 0 while this relay is cut off from the others (alert on it).',
      registers: [registry],
      collect() {
        this.set(fanoutConnected() ? 1 : 0);
      },
    });
  }
  return {
    registry,
    updates: new Counter({
      name: 'causeway_updates_total',
      help: 'Doc updates relayed; rate() gives updates per second.',
      registers: [registry],
    }),
    storeSeconds: new Histogram({
      name: 'causeway_store_seconds',
      help: 'Latency of one append (a merged batch of updates) to storage.',
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    fanoutMessages: new Counter({
      name: 'causeway_fanout_messages_total',
      help: 'Messages exchanged with other relays through Redis.',
      labelNames: ['direction', 'kind'],
      registers: [registry],
    }),
    fanoutResyncs: new Counter({
      name: 'causeway_fanout_resyncs_total',
      help: 'Redis reconnections after which loaded rooms caught up from storage.',
      registers: [registry],
    }),
  };
}
