/**
 * Cross-relay fan-out over Redis pub/sub: one channel per room. Messages carry the sending
 * relay's id (pub/sub echoes to its own subscriber) and a kind byte. Nothing is replayed by
 * Redis: after the subscriber reconnects, every joined room resubscribes and then catches up
 * from storage, which already holds everything another relay published (persist-before-relay).
 * One more channel, heard by every relay, carries invite revocations; after a reconnect the relay
 * re-checks its live invites against the shared store instead of relying on a replay.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { redactUrl } from '../limits/redact.ts';
import type { RelayMetrics } from '../metrics.ts';
import type { Fanout, FanoutPeer, RevocationListener, RoomLink } from './fanout.ts';

const KIND = { update: 0, awareness: 1, deleted: 2, revoked: 3, presenceQuery: 4 } as const;
const KIND_NAME = ['update', 'awareness', 'deleted', 'revoked', 'presence-query'] as const;
const ID_BYTES = 8;
/** A presence query's one payload byte: why the asking relay asks. */
const QUERY = { loaded: 1, healed: 0 } as const;
const channelOf = (room: string) => `causeway:room:${room}`;
const REVOCATIONS = 'causeway:revocations';
const roomOf = (channel: string) => channel.slice('causeway:room:'.length);

const DOWN_MESSAGE =
  "redis unreachable: this relay's boards are stored but not shared live with other relays until it is back (causeway_fanout_connected is 0)";

export interface RedisFanoutOptions {
  readonly url: string;
  readonly log: FastifyBaseLogger;
  readonly metrics: RelayMetrics;
}

export class RedisFanout implements Fanout {
  private readonly id = randomBytes(ID_BYTES);
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly peers = new Map<string, Set<FanoutPeer>>();
  /** The SUBSCRIBE issued when a room was first joined; later joiners wait for it too. */
  private readonly subscribing = new Map<string, Promise<unknown>>();
  /** Set after the subscriber lost its connection; the next `ready` then resyncs every room. */
  private lost = false;
  private closed = false;
  private up = false;
  private reached = false;
  /** Said once per outage, so an unreachable Redis is one warning, not one per retry. */
  private warnedDown = false;
  private revocations: RevocationListener | undefined;

  constructor(private readonly opts: RedisFanoutOptions) {
    // Publishes wait (queued) while Redis is away instead of failing: a relay whose own
    // connection comes back later than its peers' still delivers what it persisted meanwhile.
    this.pub = new Redis(opts.url, { maxRetriesPerRequest: null, lazyConnect: false });
    this.sub = new Redis(opts.url, { maxRetriesPerRequest: null, autoResubscribe: false });
    for (const conn of [this.pub, this.sub])
      conn.on('error', (err: Error) => {
        if (this.up || this.warnedDown) {
          opts.log.debug({ err: err.message }, 'redis error');
          return;
        }
        this.warnedDown = true;
        opts.log.warn({ err: err.message, redis: redactUrl(opts.url) }, DOWN_MESSAGE);
      });
    this.sub.on('close', () => {
      if (this.closed) return;
      this.lost = true;
      if (!this.up) return;
      this.up = false;
      this.warnedDown = true;
      opts.log.warn({ redis: redactUrl(opts.url) }, DOWN_MESSAGE);
    });
    this.sub.on('ready', () => {
      this.up = true;
      this.reached = true;
      this.warnedDown = false;
      opts.log.info(
        { redis: redactUrl(opts.url) },
        'redis connected: boards are shared with other relays',
      );
      void this.heal();
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
  }

  /**
   * On every (re)connection: subscribes the revocation channel and re-checks live invites (any
   * announcement sent while disconnected is lost). After a lost connection also resubscribes
   * every joined room, waits for Redis to confirm, then resyncs them from storage.
   */
  get connected(): boolean {
    return this.up;
  }

  get everConnected(): boolean {
    return this.reached;
  }

  private async heal(): Promise<void> {
    if (this.closed) return;
    const lost = this.lost;
    this.lost = false;
    const rooms = lost ? [...this.peers.keys()] : [];
    try {
      await this.sub.subscribe(REVOCATIONS, ...rooms.map(channelOf));
      await this.revocations
        ?.missed()
        .catch((err: unknown) => this.opts.log.error({ err }, 're-checking live invites failed'));
      if (!lost || rooms.length === 0) return;
      this.opts.metrics.fanoutResyncs.inc();
      this.opts.log.warn({ rooms: rooms.length }, 'redis back; resyncing rooms from storage');
      // Presence announced while the bus was away is lost too; peers re-announce theirs.
      for (const r of rooms) this.publish(r, KIND.presenceQuery, Uint8Array.of(QUERY.healed));
      await Promise.all(
        rooms.flatMap((r) => [...(this.peers.get(r) ?? [])].map((p) => p.resync())),
      );
    } catch (err) {
      this.opts.log.error({ err }, 'resync after redis reconnect failed');
      this.lost = true;
    }
  }

  private receive(channel: string, message: Buffer): void {
    if (message.length < ID_BYTES + 1) return;
    if (message.subarray(0, ID_BYTES).equals(this.id)) return;
    const kind = message[ID_BYTES];
    const payload = new Uint8Array(
      message.buffer,
      message.byteOffset + ID_BYTES + 1,
      message.length - ID_BYTES - 1,
    );
    if (channel === REVOCATIONS) {
      if (kind !== KIND.revoked) return;
      this.opts.metrics.fanoutMessages.inc({ direction: 'in', kind: 'revoked' });
      this.revocations?.revoked(Buffer.from(payload).toString('utf8'));
      return;
    }
    const peers = this.peers.get(roomOf(channel));
    if (!peers) return;
    const name = kind === undefined ? undefined : KIND_NAME[kind];
    if (!name) return;
    this.opts.metrics.fanoutMessages.inc({ direction: 'in', kind: name });
    for (const p of [...peers]) {
      try {
        if (kind === KIND.update) p.remoteUpdate(payload);
        else if (kind === KIND.awareness) p.remoteAwareness(payload);
        else if (kind === KIND.deleted) p.remoteDelete();
        else if (kind === KIND.presenceQuery) {
          p.presenceWanted();
          // The room was loaded from storage there: storage may hold rows this relay never heard
          // of, from a relay that lost Redis and stopped before it could publish them.
          if (payload[0] === QUERY.loaded)
            p.resync().catch((err: unknown) =>
              this.opts.log.error(
                { err, channel },
                'resync after another relay loaded the board failed',
              ),
            );
        }
      } catch (err) {
        this.opts.log.warn({ err, channel }, 'dropping a bad message from another relay');
      }
    }
  }

  private publish(room: string, kind: (typeof KIND)[keyof typeof KIND], payload: Uint8Array): void {
    this.publishOn(channelOf(room), kind, payload);
  }

  private publishOn(channel: string, kind: (typeof KIND)[keyof typeof KIND], payload: Uint8Array) {
    const message = Buffer.concat([this.id, Buffer.of(kind), payload]);
    this.pub
      .publish(channel, message)
      // Counted once Redis took it: while Redis is away publishes wait in ioredis's queue.
      .then(() => this.opts.metrics.fanoutMessages.inc({ direction: 'out', kind: KIND_NAME[kind] }))
      .catch((err: Error) => {
        // Only when the relay is closing: storage holds the update (or the revocation) and peers
        // catch up from it when they reconnect.
        this.opts.log.warn({ err: err.message, channel }, 'publish to other relays failed');
      });
  }

  async join(name: string, peer: FanoutPeer): Promise<RoomLink> {
    let set = this.peers.get(name);
    if (!set) {
      set = new Set();
      this.peers.set(name, set);
      // While Redis is away the room still loads (from storage); `heal` subscribes it later.
      if (this.sub.status === 'ready') {
        const subscribed = this.sub.subscribe(channelOf(name));
        this.subscribing.set(name, subscribed);
        // Once subscribed, so that the answers are heard.
        subscribed.then(
          () => this.publish(name, KIND.presenceQuery, Uint8Array.of(QUERY.loaded)),
          () => {},
        );
      } else this.lost = true;
    }
    set.add(peer);
    await this.subscribing.get(name)?.catch(() => {
      this.lost = true;
    });
    let joined = true;
    return {
      publishUpdate: (u) => this.publish(name, KIND.update, u),
      publishAwareness: (u) => this.publish(name, KIND.awareness, u),
      leave: () => {
        if (!joined) return;
        joined = false;
        const s = this.peers.get(name);
        s?.delete(peer);
        if (s && s.size === 0) {
          this.peers.delete(name);
          this.subscribing.delete(name);
          if (!this.closed) this.sub.unsubscribe(channelOf(name)).catch(() => {});
        }
      },
    };
  }

  announceDelete(name: string): void {
    this.publish(name, KIND.deleted, new Uint8Array(0));
  }

  announceRevoke(id: string): void {
    this.publishOn(REVOCATIONS, KIND.revoked, Buffer.from(id, 'utf8'));
  }

  onRevocations(listener: RevocationListener): void {
    this.revocations = listener;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sub.disconnect();
    // QUIT waits behind the queued publishes, forever while Redis is away (shutdown then hit its
    // forced timeout and skipped flushing the audit and storage). What is queued is stored; peers
    // catch up from storage when this board is next loaded anywhere.
    if (this.pub.status !== 'ready') {
      this.pub.disconnect();
      return;
    }
    await this.pub.quit().catch(() => this.pub.disconnect());
  }
}
