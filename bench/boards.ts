/** Board fixtures built with the core accessors, so the relay serves what the app would store. */
import {
  addCause,
  addEvents,
  DEFAULT_CATEGORIES,
  type EventInput,
  initBoard,
} from '@causeway/core';
import * as Y from 'yjs';

const PHASES = [
  'compromise',
  'detection',
  'triage',
  'containment',
  'eradication',
  'recovery',
  'closure',
] as const;

/** `n` timeline events one minute apart, phases cycling. */
export function events(n: number): EventInput[] {
  const t0 = Date.UTC(2024, 0, 1);
  return Array.from({ length: n }, (_, i) => ({
    time: new Date(t0 + i * 60_000).toISOString(),
    description: `event ${i}: host-${i % 97} process ${i % 13} seen by sensor ${i % 7}`,
    phase: i % 50 === 0 ? (PHASES[(i / 50) % PHASES.length] ?? null) : null,
    source: 'bench',
    actor: `analyst-${i % 5}`,
  }));
}

/** A board with `nEvents` events and `nCauses` fishbone causes spread over the default bones. */
export function boardDoc(nEvents: number, nCauses: number): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'bench board', incidentId: 'BENCH-1' });
  addEvents(doc, events(nEvents));
  for (let i = 0; i < nCauses; i++) {
    const cat = DEFAULT_CATEGORIES[i % DEFAULT_CATEGORIES.length];
    if (cat) addCause(doc, cat.id, null, `cause ${i}`);
  }
  return doc;
}
