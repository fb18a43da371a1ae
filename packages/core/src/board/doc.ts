/**
 * The board's layout inside a Y.Doc, and the only module that touches Y types by name.
 *
 * Every record is a nested Y.Map keyed by id inside a top-level Y.Map, so that two people
 * editing different fields of one record both keep their edit (see docs/adr/0001).
 * Evidence links are Y.Maps used as sets (eventId -> true): concurrent links and unlinks merge.
 */
import * as Y from 'yjs';
import { newId } from './ids.ts';
import { ORIGINS, type WriteOrigin } from './origin.ts';
import {
  type ActionItem,
  type ActionStatus,
  type BoardMeta,
  type BoardView,
  type CauseRef,
  type Fishbone,
  type FishboneCategory,
  type FishboneCause,
  type Phase,
  type Priority,
  type Severity,
  type TimelineEvent,
  type WhyNode,
  ACTION_STATUSES,
  PHASES,
  PRIORITIES,
  SEVERITIES,
} from './types.ts';

type Rec = Y.Map<unknown>;

const KEYS = {
  meta: 'meta',
  events: 'events',
  whys: 'whys',
  categories: 'fishboneCategories',
  causes: 'fishboneCauses',
  actions: 'actionItems',
} as const;

/** Categories every new board starts with; fixed ids so two peers seeding at once agree. */
export const DEFAULT_CATEGORIES: readonly FishboneCategory[] = [
  { id: 'cat-people', name: 'People', order: 0 },
  { id: 'cat-process', name: 'Process', order: 1 },
  { id: 'cat-technology', name: 'Technology', order: 2 },
  { id: 'cat-detection', name: 'Detection & Monitoring', order: 3 },
  { id: 'cat-identity', name: 'Identity & Access', order: 4 },
  { id: 'cat-third-parties', name: 'Third parties', order: 5 },
];

const metaMap = (doc: Y.Doc) => doc.getMap<unknown>(KEYS.meta);
const recordsOf = (doc: Y.Doc, key: string) => doc.getMap<Rec>(key);

const str = (m: Rec, k: string): string => {
  const v = m.get(k);
  return typeof v === 'string' ? v : '';
};
const num = (m: Rec, k: string): number => {
  const v = m.get(k);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
const oneOf = <T extends string>(values: readonly T[], v: unknown, fallback: T): T =>
  values.includes(v as T) ? (v as T) : fallback;
const idSet = (m: Rec, k: string): string[] => {
  const v = m.get(k);
  return v instanceof Y.Map ? [...v.keys()].sort() : [];
};
const nowIso = () => new Date().toISOString();

function setFields(rec: Rec, patch: Readonly<Record<string, unknown>>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || rec.get(k) === v) continue;
    rec.set(k, v);
  }
}

function newRecord(fields: Readonly<Record<string, unknown>>, sets: readonly string[] = []): Rec {
  const rec = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) rec.set(k, v);
  for (const s of sets) rec.set(s, new Y.Map<boolean>());
  return rec;
}

function mustGet(doc: Y.Doc, key: string, id: string): Rec {
  const rec = recordsOf(doc, key).get(id);
  if (!rec) throw new BoardError('not-found', `no ${key} record with id ${id}`);
  return rec;
}

/** Thrown for writes that name a record that does not exist or carry invalid values. */
export class BoardError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'BoardError';
  }
}

// ---------------------------------------------------------------- meta

/** Seeds meta and the default fishbone categories; safe to call on a board that has them. */
export function initBoard(
  doc: Y.Doc,
  meta: Partial<Pick<BoardMeta, 'title' | 'incidentId' | 'severity' | 'problem'>>,
  origin: WriteOrigin = ORIGINS.system,
): void {
  doc.transact(() => {
    const m = metaMap(doc);
    if (!m.has('createdAt')) m.set('createdAt', nowIso());
    for (const [k, v] of Object.entries(meta)) if (v !== undefined && !m.has(k)) m.set(k, v);
    const cats = recordsOf(doc, KEYS.categories);
    if (cats.size === 0) {
      for (const c of DEFAULT_CATEGORIES) cats.set(c.id, newRecord({ name: c.name, order: c.order }));
    }
  }, origin);
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const m = metaMap(doc) as unknown as Rec;
  return {
    title: str(m, 'title'),
    incidentId: str(m, 'incidentId'),
    severity: oneOf<Severity>(SEVERITIES, m.get('severity'), 'SEV3'),
    problem: str(m, 'problem'),
    rootCause: str(m, 'rootCause'),
    createdAt: str(m, 'createdAt'),
  };
}

export function updateMeta(
  doc: Y.Doc,
  patch: Partial<Omit<BoardMeta, 'createdAt'>>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  if (patch.severity !== undefined && !SEVERITIES.includes(patch.severity)) {
    throw new BoardError('invalid', `unknown severity ${String(patch.severity)}`);
  }
  doc.transact(() => setFields(metaMap(doc) as unknown as Rec, patch), origin);
}

// ---------------------------------------------------------------- timeline

export interface EventInput {
  /** ISO 8601 with an offset; see `normaliseTime` in time.ts. */
  readonly time: string;
  readonly description: string;
  readonly phase?: Phase | null;
  readonly source?: string;
  readonly actor?: string;
}

function checkPhase(phase: unknown): void {
  if (phase !== undefined && phase !== null && !PHASES.includes(phase as Phase)) {
    throw new BoardError('invalid', `unknown phase ${String(phase)}`);
  }
}

function checkTime(time: string | undefined): void {
  if (time !== undefined && Number.isNaN(Date.parse(time))) {
    throw new BoardError('invalid', `unparseable time ${time}`);
  }
}

/** Adds events in one transaction; returns their ids in input order. */
export function addEvents(
  doc: Y.Doc,
  inputs: readonly EventInput[],
  origin: WriteOrigin = ORIGINS.user,
): string[] {
  for (const e of inputs) {
    checkPhase(e.phase);
    checkTime(e.time);
  }
  const ids: string[] = [];
  doc.transact(() => {
    const events = recordsOf(doc, KEYS.events);
    for (const e of inputs) {
      const id = newId('ev');
      events.set(
        id,
        newRecord({
          time: e.time,
          description: e.description,
          phase: e.phase ?? null,
          source: e.source ?? '',
          actor: e.actor ?? '',
        }),
      );
      ids.push(id);
    }
  }, origin);
  return ids;
}

export function addEvent(doc: Y.Doc, input: EventInput, origin: WriteOrigin = ORIGINS.user): string {
  return addEvents(doc, [input], origin)[0] as string;
}

export function updateEvent(
  doc: Y.Doc,
  id: string,
  patch: Partial<EventInput>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  checkPhase(patch.phase);
  checkTime(patch.time);
  doc.transact(() => setFields(mustGet(doc, KEYS.events, id), patch), origin);
}

export function deleteEvent(doc: Y.Doc, id: string, origin: WriteOrigin = ORIGINS.user): void {
  doc.transact(() => {
    recordsOf(doc, KEYS.events).delete(id);
    // Drop evidence links that pointed at it so no cause cites a missing event.
    for (const key of [KEYS.whys, KEYS.causes]) {
      for (const rec of recordsOf(doc, key).values()) {
        const ev = rec.get('evidence');
        if (ev instanceof Y.Map && ev.has(id)) ev.delete(id);
      }
    }
  }, origin);
}

function readEvent(id: string, m: Rec): TimelineEvent {
  const time = str(m, 'time');
  const phase = m.get('phase');
  return {
    id,
    time,
    epochMs: Date.parse(time),
    description: str(m, 'description'),
    phase: PHASES.includes(phase as Phase) ? (phase as Phase) : null,
    source: str(m, 'source'),
    actor: str(m, 'actor'),
  };
}

/** The timeline sorted by instant (ties by id, so every peer shows the same order). */
export function readTimeline(doc: Y.Doc): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.events)) out.push(readEvent(id, m));
  return out.sort((a, b) => a.epochMs - b.epochMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---------------------------------------------------------------- evidence

export type EvidenceOwner = { readonly kind: 'why' | 'cause'; readonly id: string };

/** Links or unlinks a timeline event as evidence for a why or a fishbone cause. */
export function setEvidence(
  doc: Y.Doc,
  owner: EvidenceOwner,
  eventId: string,
  linked: boolean,
  origin: WriteOrigin = ORIGINS.user,
): void {
  doc.transact(() => {
    const rec = mustGet(doc, owner.kind === 'why' ? KEYS.whys : KEYS.causes, owner.id);
    let set = rec.get('evidence');
    if (!(set instanceof Y.Map)) {
      set = new Y.Map<boolean>();
      rec.set('evidence', set);
    }
    const ev = set as Y.Map<boolean>;
    if (linked) {
      mustGet(doc, KEYS.events, eventId);
      ev.set(eventId, true);
    } else ev.delete(eventId);
  }, origin);
}

// ---------------------------------------------------------------- 5 whys

export function addWhy(
  doc: Y.Doc,
  parentId: string | null,
  text: string,
  origin: WriteOrigin = ORIGINS.user,
): string {
  const id = newId('why');
  doc.transact(() => {
    if (parentId !== null) mustGet(doc, KEYS.whys, parentId);
    recordsOf(doc, KEYS.whys).set(
      id,
      newRecord({ parentId, text, isRootCause: false, createdAt: nowIso() }, ['evidence']),
    );
  }, origin);
  return id;
}

export function updateWhy(
  doc: Y.Doc,
  id: string,
  patch: Partial<Pick<WhyNode, 'text' | 'isRootCause'>>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  doc.transact(() => setFields(mustGet(doc, KEYS.whys, id), patch), origin);
}

/** Deletes a why and every why below it. */
export function deleteWhy(doc: Y.Doc, id: string, origin: WriteOrigin = ORIGINS.user): void {
  doc.transact(() => {
    const whys = recordsOf(doc, KEYS.whys);
    const doomed = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [wid, m] of whys) {
        const p = m.get('parentId');
        if (!doomed.has(wid) && typeof p === 'string' && doomed.has(p)) {
          doomed.add(wid);
          grew = true;
        }
      }
    }
    for (const d of doomed) whys.delete(d);
  }, origin);
}

/** Every why, oldest first. A why whose parent was deleted concurrently is dropped. */
export function readWhys(doc: Y.Doc): WhyNode[] {
  const whys = recordsOf(doc, KEYS.whys);
  const out: WhyNode[] = [];
  for (const [id, m] of whys) {
    const p = m.get('parentId');
    out.push({
      id,
      parentId: typeof p === 'string' ? p : null,
      text: str(m, 'text'),
      isRootCause: m.get('isRootCause') === true,
      evidence: idSet(m, 'evidence'),
      createdAt: str(m, 'createdAt'),
    });
  }
  const byId = new Map(out.map((w) => [w.id, w]));
  const reachable = (w: WhyNode): boolean => {
    const seen = new Set<string>();
    let cur: WhyNode | undefined = w;
    while (cur && cur.parentId !== null) {
      if (seen.has(cur.id)) return false;
      seen.add(cur.id);
      cur = byId.get(cur.parentId);
    }
    return cur !== undefined;
  };
  return out
    .filter(reachable)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------- fishbone

export function addCategory(doc: Y.Doc, name: string, origin: WriteOrigin = ORIGINS.user): string {
  const id = newId('cat');
  doc.transact(() => {
    const cats = recordsOf(doc, KEYS.categories);
    let max = -1;
    for (const m of cats.values()) max = Math.max(max, num(m, 'order'));
    cats.set(id, newRecord({ name, order: max + 1 }));
  }, origin);
  return id;
}

export function renameCategory(
  doc: Y.Doc,
  id: string,
  name: string,
  origin: WriteOrigin = ORIGINS.user,
): void {
  doc.transact(() => setFields(mustGet(doc, KEYS.categories, id), { name }), origin);
}

/** Deletes a category and the causes on it. */
export function deleteCategory(doc: Y.Doc, id: string, origin: WriteOrigin = ORIGINS.user): void {
  doc.transact(() => {
    recordsOf(doc, KEYS.categories).delete(id);
    const causes = recordsOf(doc, KEYS.causes);
    for (const [cid, m] of [...causes]) if (m.get('categoryId') === id) causes.delete(cid);
  }, origin);
}

export function addCause(
  doc: Y.Doc,
  categoryId: string,
  parentId: string | null,
  text: string,
  origin: WriteOrigin = ORIGINS.user,
): string {
  const id = newId('cause');
  doc.transact(() => {
    mustGet(doc, KEYS.categories, categoryId);
    if (parentId !== null) mustGet(doc, KEYS.causes, parentId);
    recordsOf(doc, KEYS.causes).set(
      id,
      newRecord({ categoryId, parentId, text, dx: 0, dy: 0, createdAt: nowIso() }, ['evidence']),
    );
  }, origin);
  return id;
}

export function updateCause(
  doc: Y.Doc,
  id: string,
  patch: Partial<Pick<FishboneCause, 'text' | 'dx' | 'dy'>>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  doc.transact(() => setFields(mustGet(doc, KEYS.causes, id), patch), origin);
}

/** Deletes a cause and its sub-causes. */
export function deleteCause(doc: Y.Doc, id: string, origin: WriteOrigin = ORIGINS.user): void {
  doc.transact(() => {
    const causes = recordsOf(doc, KEYS.causes);
    for (const [cid, m] of [...causes]) if (m.get('parentId') === id) causes.delete(cid);
    causes.delete(id);
  }, origin);
}

export function readFishbone(doc: Y.Doc): Fishbone {
  const categories: FishboneCategory[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.categories)) {
    categories.push({ id, name: str(m, 'name'), order: num(m, 'order') });
  }
  categories.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const catIds = new Set(categories.map((c) => c.id));
  const all: FishboneCause[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.causes)) {
    const p = m.get('parentId');
    all.push({
      id,
      categoryId: str(m, 'categoryId'),
      parentId: typeof p === 'string' ? p : null,
      text: str(m, 'text'),
      dx: num(m, 'dx'),
      dy: num(m, 'dy'),
      evidence: idSet(m, 'evidence'),
      createdAt: str(m, 'createdAt'),
    });
  }
  const causeIds = new Set(all.map((c) => c.id));
  // Causes whose category or parent was deleted concurrently are orphans: hide them.
  const causes = all
    .filter((c) => catIds.has(c.categoryId) && (c.parentId === null || causeIds.has(c.parentId)))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { categories, causes };
}

// ---------------------------------------------------------------- action items

export interface ActionItemInput {
  readonly title: string;
  readonly owner?: string;
  readonly dueDate?: string;
  readonly priority?: Priority;
  readonly status?: ActionStatus;
  readonly addresses?: CauseRef | null;
}

const DUE_DATE = /^(\d{4}-\d{2}-\d{2})?$/;

function checkAction(patch: Partial<ActionItemInput>): void {
  if (patch.dueDate !== undefined && !DUE_DATE.test(patch.dueDate)) {
    throw new BoardError('invalid', `due date must be YYYY-MM-DD, got ${patch.dueDate}`);
  }
  if (patch.priority !== undefined && !PRIORITIES.includes(patch.priority)) {
    throw new BoardError('invalid', `unknown priority ${String(patch.priority)}`);
  }
  if (patch.status !== undefined && !ACTION_STATUSES.includes(patch.status)) {
    throw new BoardError('invalid', `unknown status ${String(patch.status)}`);
  }
}

const refToString = (r: CauseRef | null | undefined) =>
  r === undefined ? undefined : r === null ? '' : `${r.kind}:${r.id}`;

export function addActionItem(
  doc: Y.Doc,
  input: ActionItemInput,
  origin: WriteOrigin = ORIGINS.user,
): string {
  checkAction(input);
  const id = newId('act');
  doc.transact(() => {
    recordsOf(doc, KEYS.actions).set(
      id,
      newRecord({
        title: input.title,
        owner: input.owner ?? '',
        dueDate: input.dueDate ?? '',
        priority: input.priority ?? 'medium',
        status: input.status ?? 'open',
        addresses: refToString(input.addresses) ?? '',
        createdAt: nowIso(),
      }),
    );
  }, origin);
  return id;
}

export function updateActionItem(
  doc: Y.Doc,
  id: string,
  patch: Partial<ActionItemInput>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  checkAction(patch);
  const { addresses, ...rest } = patch;
  doc.transact(
    () => setFields(mustGet(doc, KEYS.actions, id), { ...rest, addresses: refToString(addresses) }),
    origin,
  );
}

export function deleteActionItem(doc: Y.Doc, id: string, origin: WriteOrigin = ORIGINS.user): void {
  doc.transact(() => recordsOf(doc, KEYS.actions).delete(id), origin);
}

function parseRef(s: string): CauseRef | null {
  const m = /^(why|cause):(.+)$/.exec(s);
  return m ? { kind: m[1] as CauseRef['kind'], id: m[2] as string } : null;
}

export function readActionItems(doc: Y.Doc): ActionItem[] {
  const out: ActionItem[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.actions)) {
    out.push({
      id,
      title: str(m, 'title'),
      owner: str(m, 'owner'),
      dueDate: str(m, 'dueDate'),
      priority: oneOf<Priority>(PRIORITIES, m.get('priority'), 'medium'),
      status: oneOf<ActionStatus>(ACTION_STATUSES, m.get('status'), 'open'),
      addresses: parseRef(str(m, 'addresses')),
      createdAt: str(m, 'createdAt'),
    });
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------- whole board

export function readBoard(doc: Y.Doc): BoardView {
  return {
    meta: readMeta(doc),
    timeline: readTimeline(doc),
    whys: readWhys(doc),
    fishbone: readFishbone(doc),
    actionItems: readActionItems(doc),
  };
}

/** Calls `onChange` after every transaction that touched the board; returns the unsubscribe. */
export function observeBoard(
  doc: Y.Doc,
  onChange: (origin: unknown, tx: Y.Transaction) => void,
): () => void {
  const handler = (_events: unknown, tx: Y.Transaction) => onChange(tx.origin, tx);
  const types = Object.values(KEYS).map((k) => doc.getMap(k));
  for (const t of types) t.observeDeep(handler);
  return () => {
    for (const t of types) t.unobserveDeep(handler);
  };
}

/** Which board area a transaction touched, so views can re-read only what changed. */
export type BoardArea = 'meta' | 'timeline' | 'whys' | 'fishbone' | 'actionItems';
const AREA_OF_KEY: Record<string, BoardArea> = {
  [KEYS.meta]: 'meta',
  [KEYS.events]: 'timeline',
  [KEYS.whys]: 'whys',
  [KEYS.categories]: 'fishbone',
  [KEYS.causes]: 'fishbone',
  [KEYS.actions]: 'actionItems',
};

/** Subscribes to one board area. `onChange` runs once per transaction that changed it. */
export function observeArea(doc: Y.Doc, area: BoardArea, onChange: () => void): () => void {
  const keys = Object.entries(AREA_OF_KEY)
    .filter(([, a]) => a === area)
    .map(([k]) => k);
  const handler = () => onChange();
  const types = keys.map((k) => doc.getMap(k));
  for (const t of types) t.observeDeep(handler);
  return () => {
    for (const t of types) t.unobserveDeep(handler);
  };
}
