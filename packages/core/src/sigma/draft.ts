/** Drafting a Sigma rule from a cause or action item, and naming rule files for export. */
import { stringify } from 'yaml';
import { newUuidV4 } from '../board/ids.ts';
import { SIGMA_PLACEHOLDER } from './validate.ts';

export interface SigmaDraftInput {
  /** The cause or action item text the rule answers. */
  readonly basis: string;
  readonly boardTitle: string;
  readonly incidentId: string;
  readonly author: string;
  /** YYYY-MM-DD; the caller's today, so tests and time zones stay explicit. */
  readonly date: string;
  readonly references?: readonly string[];
}

/** One YAML scalar, quoted by the yaml library only when it must be (colons, #, leading -, …). */
const scalar = (v: string) => stringify(v, { lineWidth: 0 }).trimEnd();

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * A rule template with every field the spec lists, pre-filled from the board. The parts only a
 * detection engineer can know (selection) carry CHANGE-ME, an error until replaced.
 */
export function draftSigmaRule(input: SigmaDraftInput): string {
  const basis = oneLine(input.basis) || 'Untitled detection';
  const title = basis.length > 120 ? `${basis.slice(0, 119)}…` : basis;
  const incident = input.incidentId ? ` (${oneLine(input.incidentId)})` : '';
  const description =
    `Detects activity behind: ${basis}. Drafted during the post-incident review ` +
    `"${oneLine(input.boardTitle) || 'untitled'}"${incident}.`;
  const refs = (input.references ?? []).filter((r) => r.trim() !== '');
  return [
    `title: ${scalar(title)}`,
    `id: ${newUuidV4()}`,
    'status: experimental',
    `description: ${scalar(description)}`,
    refs.length > 0
      ? `references:\n${refs.map((r) => `    - ${scalar(r)}`).join('\n')}`
      : 'references: []',
    `author: ${scalar(oneLine(input.author) || 'Causeway review')}`,
    `date: ${input.date}`,
    '# ATT&CK tags, e.g. attack.credential-access, attack.t1558.003',
    'tags: []',
    'logsource:',
    '    category: process_creation',
    '    product: windows',
    'detection:',
    '    selection:',
    `        CommandLine|contains: '${SIGMA_PLACEHOLDER}'`,
    '    condition: selection',
    'falsepositives:',
    '    - Unknown',
    'level: medium',
    '',
  ].join('\n');
}

/** A file name for a rule: its title in lower-case words joined by underscores, then .yml. */
export function sigmaFileName(title: string, fallback = 'rule'): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
  return `${slug || fallback}.yml`;
}

/** Several rules in one file: YAML documents separated by `---`, which Sigma tools read as a collection. */
export function sigmaBundle(yamls: readonly string[]): string {
  return yamls.map((y) => (y.endsWith('\n') ? y : `${y}\n`)).join('---\n');
}
