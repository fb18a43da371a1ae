/**
 * Convergence: 3-5 peers apply random accessor operations while updates travel between them
 * partly and out of order; once every update reached every peer, all peers read the same board.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem,
  addCategory,
  addCause,
  addEvent,
  addWhy,
  BoardError,
  deleteActionItem,
  deleteCategory,
  deleteCause,
  deleteEvent,
  deleteWhy,
  initBoard,
  readBoard,
  renameCategory,
  setEvidence,
  updateActionItem,
  updateCause,
  updateEvent,
  updateMeta,
  updateWhy,
} from './doc.ts';
import { PHASES, PRIORITIES, SEVERITIES } from './types.ts';

const REMOTE = Symbol('remote');

const KINDS = [
  'addEvent',
  'updateEvent',
  'deleteEvent',
  'addWhy',
  'updateWhy',
  'deleteWhy',
  'addCategory',
  'renameCategory',
  'deleteCategory',
  'addCause',
  'updateCause',
  'deleteCause',
  'evidence',
  'addAction',
  'updateAction',
  'deleteAction',
  'meta',
  'deliver',
] as const;

/** One step: which operation, on which peer, with raw random choices it interprets itself. */
interface Step {
  readonly kind: (typeof KINDS)[number];
  readonly peer: number;
  readonly a: number;
  readonly b: number;
  readonly text: string;
  readonly flag: boolean;
}

const stepArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  peer: fc.nat(4),
  a: fc.nat(1000),
  b: fc.nat(1000),
  text: fc.string({ maxLength: 8 }),
  flag: fc.boolean(),
});

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list[n % Math.max(list.length, 1)];

/** Minutes after a fixed start, written with one of several offsets so sorting crosses zones. */
function timeAt(minutes: number, n: number): string {
  const ms = Date.UTC(2019, 6, 2, 13, 0) + minutes * 60_000;
  const offsetHours = [0, -8, 2, 5][n % 4] as number;
  const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
  const sign = offsetHours < 0 ? '-' : '+';
  return offsetHours === 0
    ? `${local}Z`
    : `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
}

class Peer {
  readonly doc = new Y.Doc();
  /** Updates this peer produced itself, in order; remote ones are not re-broadcast. */
  readonly log: Uint8Array[] = [];
  constructor() {
    this.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.log.push(u);
    });
  }
  receive(u: Uint8Array): void {
    Y.applyUpdate(this.doc, u, REMOTE);
  }
}

function apply(peers: readonly Peer[], s: Step): void {
  const peer = peers[s.peer % peers.length] as Peer;
  const doc = peer.doc;
  const board = readBoard(doc);
  const ev = pick(board.timeline, s.a)?.id;
  const why = pick(board.whys, s.a)?.id;
  const cat = pick(board.fishbone.categories, s.a)?.id;
  const cause = pick(board.fishbone.causes, s.a);
  const act = pick(board.actionItems, s.a)?.id;
  switch (s.kind) {
    case 'addEvent':
      addEvent(doc, {
        time: timeAt(s.b, s.a),
        description: s.text,
        phase: s.flag ? null : (pick(PHASES, s.b) ?? null),
      });
      break;
    case 'updateEvent':
      if (!ev) return;
      if (s.b % 3 === 0) updateEvent(doc, ev, { time: timeAt(s.b, s.a) });
      else if (s.b % 3 === 1) updateEvent(doc, ev, { description: s.text });
      else updateEvent(doc, ev, { phase: s.flag ? null : (pick(PHASES, s.b) ?? null) });
      break;
    case 'deleteEvent':
      if (ev) deleteEvent(doc, ev);
      break;
    case 'addWhy':
      addWhy(doc, s.flag ? null : (pick(board.whys, s.b)?.id ?? null), s.text);
      break;
    case 'updateWhy':
      if (why) updateWhy(doc, why, s.flag ? { isRootCause: s.b % 2 === 0 } : { text: s.text });
      break;
    case 'deleteWhy':
      if (why) deleteWhy(doc, why);
      break;
    case 'addCategory':
      addCategory(doc, s.text);
      break;
    case 'renameCategory':
      if (cat) renameCategory(doc, cat, s.text);
      break;
    case 'deleteCategory':
      if (cat) deleteCategory(doc, cat);
      break;
    case 'addCause':
      if (s.flag && cause) addCause(doc, cause.categoryId, cause.id, s.text);
      else if (cat) addCause(doc, cat, null, s.text);
      break;
    case 'updateCause':
      if (cause) updateCause(doc, cause.id, s.flag ? { text: s.text } : { dx: s.b, dy: -s.b });
      break;
    case 'deleteCause':
      if (cause) deleteCause(doc, cause.id);
      break;
    case 'evidence': {
      const owner = s.flag
        ? why
          ? { kind: 'why' as const, id: why }
          : null
        : cause
          ? { kind: 'cause' as const, id: cause.id }
          : null;
      const target = pick(board.timeline, s.b)?.id;
      if (owner && target) setEvidence(doc, owner, target, s.b % 3 !== 0);
      break;
    }
    case 'addAction':
      addActionItem(doc, {
        title: `do ${s.text}`,
        priority: pick(PRIORITIES, s.b) ?? 'medium',
        addresses: s.flag && why ? { kind: 'why', id: why } : null,
      });
      break;
    case 'updateAction':
      if (act)
        updateActionItem(
          doc,
          act,
          s.flag ? { owner: s.text } : { status: s.b % 2 ? 'done' : 'in-progress' },
        );
      break;
    case 'deleteAction':
      if (act) deleteActionItem(doc, act);
      break;
    case 'meta':
      updateMeta(
        doc,
        s.flag ? { problem: s.text } : { severity: pick(SEVERITIES, s.b) ?? 'SEV3', title: s.text },
      );
      break;
    case 'deliver': {
      // A partial, possibly out-of-order delivery while peers keep editing.
      const from = peers[s.a % peers.length] as Peer;
      const u = pick(from.log, s.b);
      if (u && from !== peer) peer.receive(u);
      break;
    }
  }
}

/** A small seeded PRNG so the final delivery order is part of the reproducible counterexample. */
function shuffle<T>(items: T[], seed: number): T[] {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

describe('convergence', () => {
  it('3-5 peers applying random operations and exchanging updates in random order read the same board', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }),
        fc.array(stepArb, { minLength: 1, maxLength: 60 }),
        fc.integer(),
        (n, steps, seed) => {
          const peers = Array.from({ length: n }, () => new Peer());
          // Every peer seeds the board on its own, as when two people open a new room at once.
          for (const p of peers) initBoard(p.doc, { title: 'incident', problem: 'outage' });
          for (const s of steps) {
            try {
              apply(peers, s);
            } catch (e) {
              // A write that names something this peer cannot see is refused; that is expected.
              if (!(e instanceof BoardError)) throw e;
            }
          }
          for (const [i, p] of peers.entries()) {
            const incoming = peers.filter((q) => q !== p).flatMap((q) => q.log);
            for (const u of shuffle(incoming, seed + i)) p.receive(u);
          }
          const first = readBoard((peers[0] as Peer).doc);
          for (const p of peers.slice(1)) expect(readBoard(p.doc)).toEqual(first);
        },
      ),
      { numRuns: 150 },
    );
  });
});
