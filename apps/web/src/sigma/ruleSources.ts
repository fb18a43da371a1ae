import type { ActionItem, Fishbone, RuleSource, WhyNode } from '@causeway/core';
import { causeOptions } from '../rca/causeOptions.ts';

export interface SourceOption {
  readonly value: string;
  readonly label: string;
  /** The text a drafted rule is built from. */
  readonly basis: string;
  readonly group: '5 Whys' | 'Fishbone' | 'Action items';
}

/** What a rule can be drafted from: every why, fishbone cause and action item. */
export function ruleSourceOptions(
  whys: readonly WhyNode[],
  fishbone: Fishbone,
  actions: readonly ActionItem[],
): SourceOption[] {
  const causes = causeOptions(whys, fishbone);
  const text = new Map<string, string>([
    ...whys.map((w): [string, string] => [`why:${w.id}`, w.text]),
    ...fishbone.causes.map((c): [string, string] => [`cause:${c.id}`, c.text]),
  ]);
  return [
    ...causes.whys.map((o) => ({ ...o, basis: text.get(o.value) ?? '', group: '5 Whys' as const })),
    ...causes.causes.map((o) => ({
      ...o,
      basis: text.get(o.value) ?? '',
      group: 'Fishbone' as const,
    })),
    ...actions.map((a) => ({
      value: `action:${a.id}`,
      label: a.title.length > 70 ? `${a.title.slice(0, 69)}…` : a.title,
      basis: a.title,
      group: 'Action items' as const,
    })),
  ];
}

/** `why:…` / `cause:…` / `action:…` back to a RuleSource. */
export function parseRuleSource(value: string): RuleSource | null {
  const m = /^(why|cause|action):(.+)$/.exec(value);
  return m ? { kind: m[1] as RuleSource['kind'], id: m[2] as string } : null;
}
