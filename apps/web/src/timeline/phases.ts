import { PHASES, type Phase } from '@causeway/core';

/** Phase select options in incident order; '' is "no phase". */
export const PHASE_OPTIONS: readonly { readonly value: Phase | ''; readonly label: string }[] = [
  { value: '', label: 'no phase' },
  ...PHASES.map((p) => ({ value: p, label: p })),
];

export const phaseFromValue = (v: string): Phase | null =>
  (PHASES as readonly string[]).includes(v) ? (v as Phase) : null;

/** CSS class carrying the phase colour (see --phase-* in styles.css). */
export const phaseClass = (p: Phase | null) => (p ? `phase phase-${p}` : 'phase phase-none');
