import type { CauseRef, Fishbone, WhyNode } from '@causeway/core';

export interface CauseOption {
  readonly value: string;
  readonly label: string;
}

export const refValue = (r: CauseRef | null) => (r ? `${r.kind}:${r.id}` : '');

export function parseRefValue(v: string): CauseRef | null {
  const i = v.indexOf(':');
  if (i < 0) return null;
  const kind = v.slice(0, i);
  return kind === 'why' || kind === 'cause' ? { kind, id: v.slice(i + 1) } : null;
}

const clip = (s: string) => (s.length > 70 ? `${s.slice(0, 69)}…` : s || '(empty)');

/** What an action item can address: every why and every fishbone cause, by their text. */
export function causeOptions(
  whys: readonly WhyNode[],
  fishbone: Fishbone,
): { readonly whys: readonly CauseOption[]; readonly causes: readonly CauseOption[] } {
  const catName = new Map(fishbone.categories.map((c) => [c.id, c.name]));
  return {
    whys: whys.map((w) => ({
      value: `why:${w.id}`,
      label: `${w.isRootCause ? '★ ' : ''}${clip(w.text)}`,
    })),
    causes: fishbone.causes.map((c) => ({
      value: `cause:${c.id}`,
      label: `${catName.get(c.categoryId) ?? '?'}: ${clip(c.text)}`,
    })),
  };
}
