/**
 * Board templates for common scenarios. Each sets the fishbone categories, starter questions (the
 * lessons-learned questions of NIST SP 800-61, put to the scenario) and a 90-minute agenda.
 * Category ids are fixed (`cat-…`) so two peers seeding the same template agree, as in ADR 0001.
 */
import { DEFAULT_CATEGORIES } from '../board/doc.ts';
import type { FishboneCategory } from '../board/types.ts';

export interface AgendaItem {
  readonly title: string;
  readonly minutes: number;
}

export interface BoardTemplate {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly categories: readonly FishboneCategory[];
  readonly questions: readonly string[];
  readonly agenda: readonly AgendaItem[];
}

/** The review meeting: 90 minutes, the same for every template. */
export const REVIEW_AGENDA: readonly AgendaItem[] = [
  { title: 'Summary of the incident', minutes: 5 },
  { title: 'Timeline walkthrough', minutes: 20 },
  { title: 'What worked', minutes: 15 },
  { title: 'What needs improvement', minutes: 15 },
  { title: 'Root cause', minutes: 15 },
  { title: 'Action items', minutes: 10 },
  { title: 'Playbook updates', minutes: 10 },
];

/** The lessons-learned questions every review asks (NIST SP 800-61, section 3.4.1), in our words. */
const LESSONS_LEARNED: readonly string[] = [
  'What happened, exactly, and at what times?',
  'How well did staff and managers handle it? Were the documented procedures followed, and were they good enough?',
  'What information did we need sooner?',
  'Did anything we did hinder the recovery?',
  'What would we do differently next time a similar incident happens?',
  'Which precursors or indicators should we watch for to catch this earlier?',
];

const cats = (names: readonly [string, string][]): FishboneCategory[] =>
  names.map(([id, name], order) => ({ id: `cat-${id}`, name, order }));

export const BOARD_TEMPLATES: readonly BoardTemplate[] = [
  {
    id: 'ransomware',
    name: 'Ransomware',
    summary: 'Encryption or extortion of systems and data.',
    categories: cats([
      ['initial-access', 'Initial access'],
      ['identity', 'Identity & privileges'],
      ['backups', 'Backups & recovery'],
      ['detection', 'Detection & EDR'],
      ['segmentation', 'Network segmentation'],
      ['process', 'People & process'],
    ]),
    questions: [
      ...LESSONS_LEARNED,
      'Were backups isolated from the encrypted systems, and how long did restoring them take?',
      'How did the attacker move from the first host to the ones encrypted?',
    ],
    agenda: REVIEW_AGENDA,
  },
  {
    id: 'phishing',
    name: 'Phishing campaign',
    summary: 'Credential theft or malware delivered by email or messages.',
    categories: cats([
      ['email', 'Email security'],
      ['awareness', 'User awareness'],
      ['mfa', 'Identity & MFA'],
      ['detection', 'Detection & response'],
      ['process', 'Process'],
      ['third-parties', 'Third parties'],
    ]),
    questions: [
      ...LESSONS_LEARNED,
      'How many people received, opened and acted on the message, and who reported it first?',
      'Which mail controls (filtering, link rewriting, DMARC) saw the message, and why did it pass?',
    ],
    agenda: REVIEW_AGENDA,
  },
  {
    id: 'cloud-misconfiguration',
    name: 'Cloud misconfiguration',
    summary: 'Exposed storage, over-broad IAM or a guardrail that was missing.',
    categories: cats([
      ['iac', 'Infrastructure as code & change'],
      ['iam', 'Identity & access (IAM)'],
      ['guardrails', 'Guardrails & policy'],
      ['logging', 'Monitoring & logging'],
      ['process', 'People & process'],
      ['provider', 'Provider & shared responsibility'],
    ]),
    questions: [
      ...LESSONS_LEARNED,
      'Which change introduced the misconfiguration, and what review did it pass?',
      'Which policy or scanner could have refused it before it reached production?',
    ],
    agenda: REVIEW_AGENDA,
  },
  {
    id: 'insider-threat',
    name: 'Insider threat',
    summary: 'Misuse of legitimate access by an employee or contractor.',
    categories: cats([
      ['people', 'People & HR'],
      ['access', 'Access management'],
      ['data', 'Data protection'],
      ['detection', 'Monitoring & detection'],
      ['policy', 'Process & policy'],
      ['offboarding', 'Joiners, movers & leavers'],
    ]),
    questions: [
      ...LESSONS_LEARNED,
      'Was the access used needed for the person’s role, and when was it last reviewed?',
      'Were HR, legal and privacy involved at the right time?',
    ],
    agenda: REVIEW_AGENDA,
  },
  {
    id: 'third-party-breach',
    name: 'Third-party breach',
    summary: 'A supplier or service provider was compromised and our data or access with it.',
    categories: cats([
      ['vendor', 'Vendor management'],
      ['contracts', 'Contracts & notification'],
      ['integration', 'Access & integrations'],
      ['data', 'Data shared'],
      ['detection', 'Detection & monitoring'],
      ['communication', 'Communication'],
    ]),
    questions: [
      ...LESSONS_LEARNED,
      'When did the supplier tell us, and what did the contract require?',
      'Which of our secrets, tokens or data did the supplier hold, and were they rotated?',
    ],
    agenda: REVIEW_AGENDA,
  },
];

/** The agenda and questions of a board with no template. */
export const BLANK_TEMPLATE: BoardTemplate = {
  id: '',
  name: 'Blank',
  summary: 'Default fishbone categories.',
  categories: DEFAULT_CATEGORIES,
  questions: LESSONS_LEARNED,
  agenda: REVIEW_AGENDA,
};

export const TEMPLATE_IDS = BOARD_TEMPLATES.map((t) => t.id);

/** The template with this id; '' or an unknown id gives the blank one. */
export function templateById(id: string): BoardTemplate {
  return BOARD_TEMPLATES.find((t) => t.id === id) ?? BLANK_TEMPLATE;
}
