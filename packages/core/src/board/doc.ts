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
import { normaliseTime } from './time.ts';
import {
  ACTION_STATUSES,
  type ActionItem,
  type ActionStatus,
  type BoardMeta,
  type BoardNotes,
  type BoardView,
  type CauseRef,
  type DetectionRule,
  type Fishbone,
  type FishboneCategory,
  type FishboneCause,
  type NoteField,
  PHASES,
  type Phase,
  PLAYBOOK_STATUSES,
  type PlaybookStatus,
  type PlaybookUpdate,
  PRIORITIES,
  type Priority,
  type RuleSource,
  SEVERITIES,
  type Severity,
  type TimelineEvent,
  type WhyNode,
} from './types.ts';

type Rec = Y.Map<unknown>;

const KEYS = {
  meta: 'meta',
  events: 'events',
  whys: 'whys',
  categories: 'fishboneCategories',
  causes: 'fishboneCauses',
  actions: 'actionItems',
  notes: 'notes',
  playbooks: 'playbookUpdates',
  rules: 'detectionRules',
  imports: 'importsInProgress',
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

/**
 * One collection of records. Only Y.Map values are records: anything else a corrupt or hostile
 * peer wrote under a key is invisible to every reader and writer, so it cannot break the board.
 */
class RecordTable {
  constructor(private readonly map: Y.Map<unknown>) {}
  get(id: string): Rec | undefined {
    const v = this.map.get(id);
    return v instanceof Y.Map ? (v as Rec) : undefined;
  }
  set(id: string, rec: Rec): void {
    this.map.set(id, rec);
  }
  delete(id: string): void {
    this.map.delete(id);
  }
  get size(): number {
    let n = 0;
    for (const _ of this) n++;
    return n;
  }
  *[Symbol.iterator](): IterableIterator<[string, Rec]> {
    for (const [id, v] of this.map) if (v instanceof Y.Map) yield [id, v as Rec];
  }
  *keys(): IterableIterator<string> {
    for (const [id] of this) yield id;
  }
  *values(): IterableIterator<Rec> {
    for (const [, rec] of this) yield rec;
  }
}

const recordsOf = (doc: Y.Doc, key: string) => new RecordTable(doc.getMap<unknown>(key));

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
/** The ids in a Y.Map-as-set, minus any not in `live` (an event deleted while another peer linked it). */
const idSet = (m: Rec, k: string, live: ReadonlySet<string>): string[] => {
  const v = m.get(k);
  return v instanceof Y.Map ? [...v.keys()].filter((id) => live.has(id)).sort() : [];
};
const eventIds = (doc: Y.Doc): Set<string> => new Set(recordsOf(doc, KEYS.events).keys());
// Code-unit order, not localeCompare: every peer must sort identically whatever its locale.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: { readonly id: string }, b: { readonly id: string }) => cmp(a.id, b.id);
const byCreated = (
  a: { readonly id: string; readonly createdAt: string },
  b: { readonly id: string; readonly createdAt: string },
) => cmp(a.createdAt, b.createdAt) || byId(a, b);

/** Ids of `rootIds` and every record below them, following `parentId` links. */
function descendants(records: RecordTable, rootIds: Iterable<string>): Set<string> {
  const doomed = new Set(rootIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, m] of records) {
      const p = m.get('parentId');
      if (!doomed.has(id) && typeof p === 'string' && doomed.has(p)) {
        doomed.add(id);
        grew = true;
      }
    }
  }
  return doomed;
}

/** True if following parent links from `id` ends at a root (parent null) without a gap or a cycle. */
/**
 * Deepest level a why or a cause may sit at (1 = asked of the problem / on the bone). A real
 * review goes 5 to 7 levels; the cap keeps a hostile chain of thousands from overflowing the
 * stack of every recursive renderer and exporter.
 */
export const MAX_TREE_DEPTH = 25;

/**
 * The level of `id` (1 under the root), or null when it is an orphan, sits in a cycle, or is
 * deeper than MAX_TREE_DEPTH: such records are hidden from every reader.
 */
function treeDepth(id: string, parentOf: ReadonlyMap<string, string | null>): number | null {
  let cur: string | null | undefined = id;
  for (let depth = 0; depth <= MAX_TREE_DEPTH; depth++) {
    if (cur === null) return depth;
    if (cur === undefined) return null;
    cur = parentOf.get(cur);
  }
  return null;
}
const reachesRoot = (id: string, parentOf: ReadonlyMap<string, string | null>) =>
  treeDepth(id, parentOf) !== null;

/** Refuses a child under `parentId` when the child would sit deeper than MAX_TREE_DEPTH. */
function checkChildDepth(doc: Y.Doc, key: string, parentId: string | null): void {
  if (parentId === null) return;
  const parentOf = new Map<string, string | null>();
  for (const [id, m] of recordsOf(doc, key)) {
    const p = m.get('parentId');
    parentOf.set(id, typeof p === 'string' ? p : null);
  }
  const depth = treeDepth(parentId, parentOf);
  if (depth === null || depth >= MAX_TREE_DEPTH) {
    throw new BoardError('invalid', `a tree may be at most ${MAX_TREE_DEPTH} levels deep`);
  }
}
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

/**
 * Seeds meta and the fishbone categories (the defaults, or a template's); safe to call on a board
 * that has them.
 */
export function initBoard(
  doc: Y.Doc,
  meta: Partial<Pick<BoardMeta, 'title' | 'incidentId' | 'severity' | 'problem' | 'template'>>,
  origin: WriteOrigin = ORIGINS.system,
  categories: readonly FishboneCategory[] = DEFAULT_CATEGORIES,
): void {
  doc.transact(() => {
    const m = metaMap(doc);
    if (!m.has('createdAt')) m.set('createdAt', nowIso());
    for (const [k, v] of Object.entries(meta)) if (v !== undefined && !m.has(k)) m.set(k, v);
    const cats = recordsOf(doc, KEYS.categories);
    if (cats.size === 0) {
      for (const c of categories) cats.set(c.id, newRecord({ name: c.name, order: c.order }));
    }
  }, origin);
}

/** The board's title, incident id, severity, problem statement and root cause. */
export function readMeta(doc: Y.Doc): BoardMeta {
  const m = metaMap(doc) as unknown as Rec;
  return {
    title: str(m, 'title'),
    incidentId: str(m, 'incidentId'),
    severity: oneOf<Severity>(SEVERITIES, m.get('severity'), 'SEV3'),
    problem: str(m, 'problem'),
    rootCause: str(m, 'rootCause'),
    createdAt: str(m, 'createdAt'),
    template: str(m, 'template'),
  };
}

/** Sets the given meta fields; each field merges on its own. */
export function updateMeta(
  doc: Y.Doc,
  patch: Partial<Omit<BoardMeta, 'createdAt' | 'template'>>,
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
  /** Id of the event in the tool it came from; with `source` it identifies a re-import. */
  readonly sourceId?: string;
  /** When the source recorded it (ISO 8601 with an offset), if that differs from `time`. */
  readonly recordedTime?: string;
}

function checkPhase(phase: unknown): void {
  if (phase !== undefined && phase !== null && !PHASES.includes(phase as Phase)) {
    throw new BoardError('invalid', `unknown phase ${String(phase)}`);
  }
}

/**
 * Every stored time is canonical with an explicit offset: a zone-less string would be read in
 * each peer's local zone, so peers would sort the same board differently.
 */
function canonicalTime(time: string): string {
  const n = normaliseTime(time);
  if (!n.ok) throw new BoardError('invalid', n.reason);
  return n.time;
}

/** Adds events in one transaction; returns their ids in input order. */
export function addEvents(
  doc: Y.Doc,
  inputs: readonly EventInput[],
  origin: WriteOrigin = ORIGINS.user,
): string[] {
  const times = inputs.map((e) => {
    checkPhase(e.phase);
    return canonicalTime(e.time);
  });
  const recorded = inputs.map((e) => (e.recordedTime ? canonicalTime(e.recordedTime) : undefined));
  const ids: string[] = [];
  // Events at the same instant keep the order they were added in (a SIEM export often has
  // several rows in one second): the batch's wall-clock time, then the row's index in it.
  const addedAt = nextAddedAt();
  doc.transact(() => {
    const events = recordsOf(doc, KEYS.events);
    for (const [i, e] of inputs.entries()) {
      const id = newId('ev');
      events.set(
        id,
        newRecord({
          addedAt,
          addedIndex: i,
          time: times[i],
          description: e.description,
          phase: e.phase ?? null,
          source: e.source ?? '',
          actor: e.actor ?? '',
          // Optional fields are only written when present, so hand-made events stay as small as before.
          sourceId: e.sourceId || undefined,
          recordedTime: recorded[i],
        }),
      );
      ids.push(id);
    }
  }, origin);
  return ids;
}

let lastAddedAt = 0;
/** Wall-clock ms, strictly increasing within this process, so two batches never tie. */
function nextAddedAt(): number {
  lastAddedAt = Math.max(Date.now(), lastAddedAt + 1);
  return lastAddedAt;
}

/** Adds one event (time must carry an offset); returns its id. */
export function addEvent(
  doc: Y.Doc,
  input: EventInput,
  origin: WriteOrigin = ORIGINS.user,
): string {
  return addEvents(doc, [input], origin)[0] as string;
}

/** Sets the given fields of an event; each field merges on its own (re-tag = patch `phase`). */
export function updateEvent(
  doc: Y.Doc,
  id: string,
  patch: Partial<EventInput>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  checkPhase(patch.phase);
  const time = patch.time === undefined ? undefined : canonicalTime(patch.time);
  const recordedTime = patch.recordedTime ? canonicalTime(patch.recordedTime) : patch.recordedTime;
  doc.transact(
    () => setFields(mustGet(doc, KEYS.events, id), { ...patch, time, recordedTime }),
    origin,
  );
}

/** Whether the board holds the event: an import is done on a page once its last event is there. */
export function hasEvent(doc: Y.Doc, id: string): boolean {
  return recordsOf(doc, KEYS.events).get(id) !== undefined;
}

/** Deletes an event and every evidence link to it. */
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
    sourceId: str(m, 'sourceId'),
    recordedTime: str(m, 'recordedTime'),
  };
}

/** An event with the fields that order it on the timeline. */
export interface TimelineEntry {
  readonly event: TimelineEvent;
  readonly addedAt: number;
  readonly addedIndex: number;
}

const entryOf = (id: string, m: Rec): TimelineEntry => ({
  event: readEvent(id, m),
  addedAt: num(m, 'addedAt'),
  addedIndex: num(m, 'addedIndex'),
});

// NaN would make the comparator inconsistent, and peers iterate the map in different orders.
const sortKey = (e: TimelineEvent) =>
  Number.isNaN(e.epochMs) ? Number.POSITIVE_INFINITY : e.epochMs;

/**
 * Timeline order: by instant; ties keep the order they were added in, then by id, so every peer
 * shows the same order. An event whose time does not parse sorts last.
 */
export function compareTimelineEntries(a: TimelineEntry, b: TimelineEntry): number {
  return (
    sortKey(a.event) - sortKey(b.event) ||
    a.addedAt - b.addedAt ||
    a.addedIndex - b.addedIndex ||
    byId(a.event, b.event)
  );
}

/**
 * The timeline sorted by instant (see `compareTimelineEntries`). An event whose time does not
 * parse (written by an old or foreign client) sorts last with epochMs NaN.
 */
export function readTimeline(doc: Y.Doc): TimelineEvent[] {
  const rows: TimelineEntry[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.events)) rows.push(entryOf(id, m));
  rows.sort(compareTimelineEntries);
  return rows.map((r) => r.event);
}

/**
 * The entries of the events `ids` as they are now, null for an id that is no event (deleted);
 * without `ids`, every event's entry.
 */
export function readTimelineEntries(
  doc: Y.Doc,
  ids?: Iterable<string>,
): Map<string, TimelineEntry | null> {
  const events = recordsOf(doc, KEYS.events);
  const out = new Map<string, TimelineEntry | null>();
  if (ids === undefined) {
    for (const [id, m] of events) out.set(id, entryOf(id, m));
    return out;
  }
  for (const id of ids) {
    const m = events.get(id);
    out.set(id, m ? entryOf(id, m) : null);
  }
  return out;
}

/**
 * Calls `onChange` after each transaction that touched the timeline, with the ids of the events
 * it added, changed or deleted, so a reader can re-read those instead of all 50,000.
 */
export function observeTimeline(
  doc: Y.Doc,
  onChange: (ids: ReadonlySet<string>) => void,
): () => void {
  const events = doc.getMap<unknown>(KEYS.events);
  const handler = (changes: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids = new Set<string>();
    for (const change of changes) {
      if (change.target === events && change instanceof Y.YMapEvent)
        for (const key of change.keysChanged) ids.add(key);
      else if (typeof change.path[0] === 'string') ids.add(change.path[0]);
    }
    if (ids.size > 0) onChange(ids);
  };
  events.observeDeep(handler);
  return () => events.unobserveDeep(handler);
}

// ---------------------------------------------------------------- imports in progress

/** A large import being written in slices: what every open page shows as a progress bar. */
export interface ImportProgress {
  readonly id: string;
  /** The file name or source, as the importer named it. */
  readonly label: string;
  /** Who started it (their display name); '' if unknown. */
  readonly by: string;
  readonly total: number;
  readonly added: number;
}

const MAX_PROGRESS_TEXT = 200;

/** Creates or advances the progress record `id` (inside the slice's own transaction). */
export function setImportProgress(
  doc: Y.Doc,
  progress: ImportProgress,
  origin: WriteOrigin = ORIGINS.import,
): void {
  doc.transact(() => {
    const imports = recordsOf(doc, KEYS.imports);
    const rec = imports.get(progress.id);
    if (rec) rec.set('added', progress.added);
    else
      imports.set(
        progress.id,
        newRecord({
          label: progress.label.slice(0, MAX_PROGRESS_TEXT),
          by: progress.by.slice(0, MAX_PROGRESS_TEXT),
          total: progress.total,
          added: progress.added,
        }),
      );
  }, origin);
}

/** Removes the progress record `id`: the import's last slice landed. */
export function clearImportProgress(
  doc: Y.Doc,
  id: string,
  origin: WriteOrigin = ORIGINS.import,
): void {
  doc.transact(() => recordsOf(doc, KEYS.imports).delete(id), origin);
}

/** The imports being written now, by id. */
export function readImportsInProgress(doc: Y.Doc): ImportProgress[] {
  const out: ImportProgress[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.imports))
    out.push({
      id,
      label: str(m, 'label'),
      by: str(m, 'by'),
      total: num(m, 'total'),
      added: num(m, 'added'),
    });
  return out.sort(byId);
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

/** Adds a why under `parentId` (null = directly under the problem); returns its id. */
export function addWhy(
  doc: Y.Doc,
  parentId: string | null,
  text: string,
  origin: WriteOrigin = ORIGINS.user,
): string {
  const id = newId('why');
  doc.transact(() => {
    if (parentId !== null) mustGet(doc, KEYS.whys, parentId);
    checkChildDepth(doc, KEYS.whys, parentId);
    recordsOf(doc, KEYS.whys).set(
      id,
      newRecord({ parentId, text, isRootCause: false, createdAt: nowIso() }, ['evidence']),
    );
  }, origin);
  return id;
}

/** Sets a why's text or root-cause flag. */
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
    for (const d of descendants(whys, [id])) whys.delete(d);
  }, origin);
}

/**
 * Every why, oldest first. A why added under a why that another peer deleted meanwhile (and
 * everything below it) is an orphan: hidden here, kept in the doc so an undo brings it back.
 */
export function readWhys(doc: Y.Doc): WhyNode[] {
  const live = eventIds(doc);
  const out: WhyNode[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.whys)) {
    const p = m.get('parentId');
    out.push({
      id,
      parentId: typeof p === 'string' ? p : null,
      text: str(m, 'text'),
      isRootCause: m.get('isRootCause') === true,
      evidence: idSet(m, 'evidence', live),
      createdAt: str(m, 'createdAt'),
    });
  }
  const parentOf = new Map(out.map((w) => [w.id, w.parentId]));
  return out.filter((w) => reachesRoot(w.id, parentOf)).sort(byCreated);
}

// ---------------------------------------------------------------- fishbone

/** Adds a fishbone category after the existing ones; returns its id. */
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

/** Renames a fishbone category. */
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

/** Adds a cause on a category's bone, or a sub-cause under `parentId` (same category); returns its id. */
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
    if (parentId !== null && mustGet(doc, KEYS.causes, parentId).get('categoryId') !== categoryId) {
      // A sub-cause on another bone than its parent could not be drawn or exported as a tree.
      throw new BoardError('invalid', `cause ${parentId} is not in category ${categoryId}`);
    }
    checkChildDepth(doc, KEYS.causes, parentId);
    recordsOf(doc, KEYS.causes).set(
      id,
      newRecord({ categoryId, parentId, text, dx: 0, dy: 0, createdAt: nowIso() }, ['evidence']),
    );
  }, origin);
  return id;
}

/** Sets a cause's text or its dragged offset. */
export function updateCause(
  doc: Y.Doc,
  id: string,
  patch: Partial<Pick<FishboneCause, 'text' | 'dx' | 'dy'>>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  doc.transact(() => setFields(mustGet(doc, KEYS.causes, id), patch), origin);
}

/** Deletes a cause and its sub-causes at every depth. */
export function deleteCause(doc: Y.Doc, id: string, origin: WriteOrigin = ORIGINS.user): void {
  doc.transact(() => {
    const causes = recordsOf(doc, KEYS.causes);
    for (const d of descendants(causes, [id])) causes.delete(d);
  }, origin);
}

/** Categories in order and every visible cause, oldest first; orphans are hidden. */
export function readFishbone(doc: Y.Doc): Fishbone {
  const categories: FishboneCategory[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.categories)) {
    categories.push({ id, name: str(m, 'name'), order: num(m, 'order') });
  }
  categories.sort((a, b) => a.order - b.order || byId(a, b));
  const catIds = new Set(categories.map((c) => c.id));
  const live = eventIds(doc);
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
      evidence: idSet(m, 'evidence', live),
      createdAt: str(m, 'createdAt'),
    });
  }
  // Causes whose category or any ancestor was deleted concurrently are orphans: hide them.
  const parentOf = new Map(all.map((c) => [c.id, c.parentId]));
  const causes = all
    .filter((c) => catIds.has(c.categoryId) && reachesRoot(c.id, parentOf))
    .sort(byCreated);
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
  /** Written back by a Jira push; '' clears it. */
  readonly jiraKey?: string;
}

const DUE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Empty, or a YYYY-MM-DD that names a real calendar day (no 2024-02-30). */
function isDueDate(s: string): boolean {
  if (s === '') return true;
  const m = DUE_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function checkAction(doc: Y.Doc, patch: Partial<ActionItemInput>): void {
  if (patch.title !== undefined && patch.title.trim() === '') {
    throw new BoardError('invalid', 'an action item needs a title');
  }
  if (patch.dueDate !== undefined && !isDueDate(patch.dueDate)) {
    throw new BoardError(
      'invalid',
      `due date must be a real YYYY-MM-DD date, got ${patch.dueDate}`,
    );
  }
  if (patch.addresses) {
    mustGet(doc, patch.addresses.kind === 'why' ? KEYS.whys : KEYS.causes, patch.addresses.id);
  }
  if (patch.priority !== undefined && !PRIORITIES.includes(patch.priority)) {
    throw new BoardError('invalid', `unknown priority ${String(patch.priority)}`);
  }
  if (patch.status !== undefined && !ACTION_STATUSES.includes(patch.status)) {
    throw new BoardError('invalid', `unknown status ${String(patch.status)}`);
  }
  if (patch.jiraKey !== undefined && patch.jiraKey !== '' && !JIRA_KEY.test(patch.jiraKey)) {
    throw new BoardError('invalid', `not a Jira issue key: ${patch.jiraKey}`);
  }
}

/** A Jira issue key: project key, dash, number (e.g. SEC-12). */
export const JIRA_KEY = /^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/;

const refToString = (r: CauseRef | null | undefined) =>
  r === undefined ? undefined : r === null ? '' : `${r.kind}:${r.id}`;

/** Adds an action item (title required, due date YYYY-MM-DD or empty); returns its id. */
export function addActionItem(
  doc: Y.Doc,
  input: ActionItemInput,
  origin: WriteOrigin = ORIGINS.user,
): string {
  checkAction(doc, input);
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
        jiraKey: input.jiraKey ?? '',
        createdAt: nowIso(),
      }),
    );
  }, origin);
  return id;
}

/** Sets the given fields of an action item; `addresses: null` unlinks it. */
export function updateActionItem(
  doc: Y.Doc,
  id: string,
  patch: Partial<ActionItemInput>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  checkAction(doc, patch);
  const { addresses, ...rest } = patch;
  doc.transact(
    () => setFields(mustGet(doc, KEYS.actions, id), { ...rest, addresses: refToString(addresses) }),
    origin,
  );
}

/** Deletes an action item. */
export function deleteActionItem(doc: Y.Doc, id: string, origin: WriteOrigin = ORIGINS.user): void {
  doc.transact(() => recordsOf(doc, KEYS.actions).delete(id), origin);
}

function parseRef(s: string): CauseRef | null {
  const m = /^(why|cause):(.+)$/.exec(s);
  return m ? { kind: m[1] as CauseRef['kind'], id: m[2] as string } : null;
}

/** `why:<id>` and `cause:<id>` of every why and cause a reader shows (orphans excluded). */
const visibleCauseRefs = (doc: Y.Doc) =>
  new Set([
    ...readWhys(doc).map((w) => `why:${w.id}`),
    ...readFishbone(doc).causes.map((c) => `cause:${c.id}`),
  ]);

/** Action items, oldest first; a link to a why or cause that no longer shows reads as null. */
export function readActionItems(doc: Y.Doc): ActionItem[] {
  const visible = visibleCauseRefs(doc);
  const out: ActionItem[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.actions)) {
    out.push({
      id,
      title: str(m, 'title'),
      owner: str(m, 'owner'),
      dueDate: str(m, 'dueDate'),
      priority: oneOf<Priority>(PRIORITIES, m.get('priority'), 'medium'),
      status: oneOf<ActionStatus>(ACTION_STATUSES, m.get('status'), 'open'),
      addresses: visible.has(str(m, 'addresses')) ? parseRef(str(m, 'addresses')) : null,
      createdAt: str(m, 'createdAt'),
      jiraKey: str(m, 'jiraKey'),
    });
  }
  return out.sort(byCreated);
}

// ---------------------------------------------------------------- shared long texts

/**
 * Applies one edit (delete `deleteCount` characters at `index`, then insert `insert`) to a Y.Text
 * field of `rec`, creating it if missing. A plain string left by an older client becomes a Y.Text
 * holding the same characters first, so its content is kept.
 */
function spliceTextField(
  rec: Rec,
  field: string,
  index: number,
  deleteCount: number,
  insert: string,
): void {
  let text = rec.get(field);
  if (!(text instanceof Y.Text)) {
    const old = typeof text === 'string' ? text : '';
    text = new Y.Text(old);
    rec.set(field, text);
  }
  const t = text as Y.Text;
  const at = Math.max(0, Math.min(index, t.length));
  const del = Math.max(0, Math.min(deleteCount, t.length - at));
  if (del > 0) t.delete(at, del);
  if (insert !== '') t.insert(at, insert);
}

/** A Y.Text field (or a plain string written by an older client) as a string. */
const textOf = (m: Rec, k: string): string => {
  const v = m.get(k);
  return v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : '';
};

const NOTE_FIELDS: readonly NoteField[] = ['executiveSummary', 'minutes'];

/** The executive summary and the meeting minutes. */
export function readNotes(doc: Y.Doc): BoardNotes {
  const m = doc.getMap<unknown>(KEYS.notes) as unknown as Rec;
  return { executiveSummary: textOf(m, 'executiveSummary'), minutes: textOf(m, 'minutes') };
}

/** Edits a note character-wise, so two people typing minutes at once both keep their words. */
export function spliceNote(
  doc: Y.Doc,
  field: NoteField,
  index: number,
  deleteCount: number,
  insert: string,
  origin: WriteOrigin = ORIGINS.user,
): void {
  if (!NOTE_FIELDS.includes(field)) throw new BoardError('invalid', `unknown note ${field}`);
  doc.transact(
    () =>
      spliceTextField(
        doc.getMap<unknown>(KEYS.notes) as unknown as Rec,
        field,
        index,
        deleteCount,
        insert,
      ),
    origin,
  );
}

// ---------------------------------------------------------------- playbook updates

export interface PlaybookUpdateInput {
  readonly playbook: string;
  readonly change?: string;
  readonly answers?: CauseRef | null;
  readonly status?: PlaybookStatus;
}

function checkPlaybook(doc: Y.Doc, patch: Partial<PlaybookUpdateInput>): void {
  if (patch.playbook !== undefined && patch.playbook.trim() === '') {
    throw new BoardError('invalid', 'a playbook update names its playbook');
  }
  if (patch.status !== undefined && !PLAYBOOK_STATUSES.includes(patch.status)) {
    throw new BoardError('invalid', `unknown playbook status ${String(patch.status)}`);
  }
  if (patch.answers) {
    mustGet(doc, patch.answers.kind === 'why' ? KEYS.whys : KEYS.causes, patch.answers.id);
  }
}

/** Adds a proposed playbook change; returns its id. */
export function addPlaybookUpdate(
  doc: Y.Doc,
  input: PlaybookUpdateInput,
  origin: WriteOrigin = ORIGINS.user,
): string {
  checkPlaybook(doc, input);
  const id = newId('pb');
  doc.transact(() => {
    recordsOf(doc, KEYS.playbooks).set(
      id,
      newRecord({
        playbook: input.playbook,
        change: input.change ?? '',
        answers: refToString(input.answers) ?? '',
        status: input.status ?? 'proposed',
        createdAt: nowIso(),
      }),
    );
  }, origin);
  return id;
}

/** Sets the given fields of a playbook update; `answers: null` unlinks it. */
export function updatePlaybookUpdate(
  doc: Y.Doc,
  id: string,
  patch: Partial<PlaybookUpdateInput>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  checkPlaybook(doc, patch);
  const { answers, ...rest } = patch;
  doc.transact(
    () => setFields(mustGet(doc, KEYS.playbooks, id), { ...rest, answers: refToString(answers) }),
    origin,
  );
}

/** Deletes a playbook update. */
export function deletePlaybookUpdate(
  doc: Y.Doc,
  id: string,
  origin: WriteOrigin = ORIGINS.user,
): void {
  doc.transact(() => recordsOf(doc, KEYS.playbooks).delete(id), origin);
}

/** Playbook updates, oldest first; a link to a cause that no longer shows reads as null. */
export function readPlaybookUpdates(doc: Y.Doc): PlaybookUpdate[] {
  const visible = visibleCauseRefs(doc);
  const out: PlaybookUpdate[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.playbooks)) {
    out.push({
      id,
      playbook: str(m, 'playbook'),
      change: str(m, 'change'),
      answers: visible.has(str(m, 'answers')) ? parseRef(str(m, 'answers')) : null,
      status: oneOf<PlaybookStatus>(PLAYBOOK_STATUSES, m.get('status'), 'proposed'),
      createdAt: str(m, 'createdAt'),
    });
  }
  return out.sort(byCreated);
}

// ---------------------------------------------------------------- detection rules

const sourceToString = (r: RuleSource | null | undefined) =>
  r === undefined ? undefined : r === null ? '' : `${r.kind}:${r.id}`;

function parseSource(s: string): RuleSource | null {
  const m = /^(why|cause|action):(.+)$/.exec(s);
  return m ? { kind: m[1] as RuleSource['kind'], id: m[2] as string } : null;
}

const SOURCE_KEY = { why: KEYS.whys, cause: KEYS.causes, action: KEYS.actions } as const;

export interface DetectionRuleInput {
  readonly title: string;
  readonly yaml?: string;
  readonly source?: RuleSource | null;
}

/** Adds a detection rule with its starting YAML; returns its id. */
export function addDetectionRule(
  doc: Y.Doc,
  input: DetectionRuleInput,
  origin: WriteOrigin = ORIGINS.user,
): string {
  if (input.source) mustGet(doc, SOURCE_KEY[input.source.kind], input.source.id);
  const id = newId('rule');
  doc.transact(() => {
    const rec = newRecord({
      title: input.title,
      source: sourceToString(input.source) ?? '',
      createdAt: nowIso(),
    });
    rec.set('yaml', new Y.Text(input.yaml ?? ''));
    recordsOf(doc, KEYS.rules).set(id, rec);
  }, origin);
  return id;
}

/** Sets a rule's display title or what it was drafted from. */
export function updateDetectionRule(
  doc: Y.Doc,
  id: string,
  patch: Partial<Omit<DetectionRuleInput, 'yaml'>>,
  origin: WriteOrigin = ORIGINS.user,
): void {
  if (patch.source) mustGet(doc, SOURCE_KEY[patch.source.kind], patch.source.id);
  const { source, ...rest } = patch;
  doc.transact(
    () => setFields(mustGet(doc, KEYS.rules, id), { ...rest, source: sourceToString(source) }),
    origin,
  );
}

/** Edits a rule's YAML character-wise (see spliceNote). */
export function spliceRuleYaml(
  doc: Y.Doc,
  id: string,
  index: number,
  deleteCount: number,
  insert: string,
  origin: WriteOrigin = ORIGINS.user,
): void {
  doc.transact(
    () => spliceTextField(mustGet(doc, KEYS.rules, id), 'yaml', index, deleteCount, insert),
    origin,
  );
}

/** Deletes a detection rule. */
export function deleteDetectionRule(
  doc: Y.Doc,
  id: string,
  origin: WriteOrigin = ORIGINS.user,
): void {
  doc.transact(() => recordsOf(doc, KEYS.rules).delete(id), origin);
}

/** Detection rules, oldest first; a source that no longer shows reads as null. */
export function readDetectionRules(doc: Y.Doc): DetectionRule[] {
  const visible = visibleCauseRefs(doc);
  for (const id of recordsOf(doc, KEYS.actions).keys()) visible.add(`action:${id}`);
  const out: DetectionRule[] = [];
  for (const [id, m] of recordsOf(doc, KEYS.rules)) {
    out.push({
      id,
      title: str(m, 'title'),
      yaml: textOf(m, 'yaml'),
      source: visible.has(str(m, 'source')) ? parseSource(str(m, 'source')) : null,
      createdAt: str(m, 'createdAt'),
    });
  }
  return out.sort(byCreated);
}

// ---------------------------------------------------------------- whole board

/** The whole board as plain readonly objects. */
export function readBoard(doc: Y.Doc): BoardView {
  return {
    meta: readMeta(doc),
    timeline: readTimeline(doc),
    whys: readWhys(doc),
    fishbone: readFishbone(doc),
    actionItems: readActionItems(doc),
    playbookUpdates: readPlaybookUpdates(doc),
    detectionRules: readDetectionRules(doc),
    notes: readNotes(doc),
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

/** Every top-level map of the board, for whole-board tools (restore, audit) outside this module. */
export function boardRoots(doc: Y.Doc): Y.Map<unknown>[] {
  return Object.values(KEYS).map((k) => doc.getMap(k));
}

/** Which board area a transaction touched, so views can re-read only what changed. */
export type BoardArea =
  | 'meta'
  | 'timeline'
  | 'whys'
  | 'fishbone'
  | 'actionItems'
  | 'notes'
  | 'playbookUpdates'
  | 'detectionRules'
  | 'imports';
const AREA_OF_KEY: Record<string, BoardArea> = {
  [KEYS.meta]: 'meta',
  [KEYS.events]: 'timeline',
  [KEYS.whys]: 'whys',
  [KEYS.categories]: 'fishbone',
  [KEYS.causes]: 'fishbone',
  [KEYS.actions]: 'actionItems',
  [KEYS.notes]: 'notes',
  [KEYS.playbooks]: 'playbookUpdates',
  [KEYS.rules]: 'detectionRules',
  [KEYS.imports]: 'imports',
};

/** The board area a root type of the doc belongs to (its key in the doc), if any. */
export function areaOfRootKey(key: string): BoardArea | undefined {
  return Object.hasOwn(AREA_OF_KEY, key) ? AREA_OF_KEY[key] : undefined;
}

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
