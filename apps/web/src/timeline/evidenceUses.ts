/** What deleting a timeline event would take with it: the evidence links that cite it. */
import type { Fishbone, WhyNode } from '@causeway/core';

export interface EvidenceUses {
  readonly whys: number;
  readonly causes: number;
}

/** How many whys and fishbone causes cite `eventId` as evidence. */
export function evidenceUses(
  eventId: string,
  whys: readonly WhyNode[],
  fishbone: Fishbone,
): EvidenceUses {
  return {
    whys: whys.filter((w) => w.evidence.includes(eventId)).length,
    causes: fishbone.causes.filter((c) => c.evidence.includes(eventId)).length,
  };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The delete confirmation's warning, or null when nothing cites the event. */
export function deleteWarning(uses: EvidenceUses): string | null {
  const parts = [
    uses.whys > 0 ? count(uses.whys, 'why', 'whys') : null,
    uses.causes > 0 ? count(uses.causes, 'fishbone cause', 'fishbone causes') : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  const links = uses.whys + uses.causes === 1 ? 'that link' : 'those links';
  return `Linked as evidence to ${parts.join(' and ')} — deleting removes ${links}.`;
}
