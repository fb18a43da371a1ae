/**
 * Sigma drafts and checks. Every rule this module accepts (valid, no errors) is also checked
 * against the official Sigma JSON schema, read from ../shared at test time.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FORMATS_DIR } from '../testing/fixtures.ts';
import { draftSigmaRule, sigmaBundle, sigmaFileName } from './draft.ts';
import { validateSigmaRule } from './validate.ts';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as typeof addFormatsModule;
// strict off: the official schema uses `items` on object types, which strict mode rejects.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const officialSchema = JSON.parse(
  readFileSync(resolve(FORMATS_DIR, 'sigma-detection-rule-schema.json'), 'utf8'),
);
const validateOfficial = ajv.compile(officialSchema);
const officialErrors = (yamlText: string) =>
  validateOfficial(parse(yamlText)) ? [] : [...(validateOfficial.errors ?? [])];

const DRAFT_INPUT = {
  basis: 'Service account with an RC4-encrypted SPN: Kerberoasting went unseen',
  boardTitle: 'AD takeover # 3',
  incidentId: 'INC-77',
  author: 'Alice',
  date: '2024-05-01',
  references: ['https://attack.mitre.org/techniques/T1558/003/'],
};

/** The draft with its placeholders replaced the way an engineer would. */
const finished = (yamlText: string) =>
  yamlText
    .replace('tags: []', 'tags:\n    - attack.credential-access\n    - attack.t1558.003')
    .replace("CommandLine|contains: 'CHANGE-ME'", 'TicketEncryptionType: "0x17"')
    .replace(
      'category: process_creation\n    product: windows',
      'product: windows\n    service: security',
    );

describe('draftSigmaRule', () => {
  it('drafts a rule that is invalid only for its placeholder, named by line, and passes the official schema', () => {
    const text = draftSigmaRule(DRAFT_INPUT);
    const v = validateSigmaRule(text);
    // Exported as is, the rule would match the literal text CHANGE-ME: an error, not a warning.
    expect(v.ok).toBe(false);
    const line = text.split('\n').findIndex((l) => l.includes('CHANGE-ME')) + 1;
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([
      {
        line,
        path: '',
        message: `Replace the CHANGE-ME placeholder on line ${line} with what the rule should match.`,
        severity: 'error',
      },
    ]);
    expect(officialErrors(text)).toEqual([]);
    expect(v.rule).toMatchObject({
      title: DRAFT_INPUT.basis,
      status: 'experimental',
      date: '2024-05-01',
      author: 'Alice',
      level: 'medium',
      references: DRAFT_INPUT.references,
      detection: { condition: 'selection' },
    });
    expect(String(v.rule?.id)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('a finished draft has no issue at all and passes the official schema', () => {
    const text = finished(draftSigmaRule(DRAFT_INPUT));
    expect(validateSigmaRule(text).issues).toEqual([]);
    expect(officialErrors(text)).toEqual([]);
  });

  it('finds the placeholder in values in any case, never in comments', () => {
    const done = finished(draftSigmaRule(DRAFT_INPUT));
    const placeholderErrors = (text: string) =>
      validateSigmaRule(text).issues.filter((i) => i.message.includes('CHANGE-ME'));
    // A comment never reaches a backend: the finished rule stays valid.
    const commented = `# TODO CHANGE-ME later\n${done}`;
    expect(validateSigmaRule(commented).issues).toEqual([]);
    // A lower-case placeholder still matches nothing real; named on its own line.
    const lower = done.replace('TicketEncryptionType: "0x17"', "CommandLine|contains: 'change-me'");
    const line = lower.split('\n').findIndex((l) => l.includes('change-me')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(validateSigmaRule(lower).ok).toBe(false);
    expect(placeholderErrors(lower)).toEqual([
      {
        line,
        path: '',
        message: `Replace the CHANGE-ME placeholder on line ${line} with what the rule should match.`,
        severity: 'error',
      },
    ]);
    // Inside a block scalar, the line named is the placeholder's, not the value's first.
    const block = done.replace(
      /^description: .*$/m,
      'description: |\n    first line\n    Change-Me here',
    );
    const blockLine = block.split('\n').findIndex((l) => l.includes('Change-Me')) + 1;
    expect(placeholderErrors(block).map((i) => i.line)).toEqual([blockLine]);
  });

  it('quotes hostile text so it stays one scalar', () => {
    const text = finished(
      draftSigmaRule({
        ...DRAFT_INPUT,
        basis: '- x: y # z\n\'quoted\' "dq" [a]',
        boardTitle: '{b}',
      }),
    );
    const v = validateSigmaRule(text);
    expect(v.ok).toBe(true);
    expect(v.rule?.title).toBe('- x: y # z \'quoted\' "dq" [a]');
    expect(officialErrors(text)).toEqual([]);
  });
});

describe('validateSigmaRule', () => {
  it('accepts the specification fixtures', () => {
    for (const f of ['sigma_rule_1.yml', 'sigma_rule_ecs.yml']) {
      const text = readFileSync(resolve(FORMATS_DIR, f), 'utf8');
      const v = validateSigmaRule(text);
      expect(
        v.issues.filter((i) => i.severity === 'error'),
        f,
      ).toEqual([]);
      expect(officialErrors(text), f).toEqual([]);
    }
  });

  const base = finished(draftSigmaRule(DRAFT_INPUT));
  const lineOf = (text: string, needle: string) =>
    text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it.each([
    ['missing title', (t: string) => t.replace(/^title: .*\n/, ''), 'title is required', null],
    [
      'bad status',
      (t: string) => t.replace('status: experimental', 'status: beta'),
      'status must be one of',
      'status:',
    ],
    [
      'bad level',
      (t: string) => t.replace('level: medium', 'level: severe'),
      'level must be one of',
      'level:',
    ],
    ['bad id', (t: string) => t.replace(/^id: .*$/m, 'id: 1234'), 'id must be a UUID', 'id:'],
    [
      'bad date',
      (t: string) => t.replace('date: 2024-05-01', 'date: 2024-02-30'),
      'YYYY-MM-DD',
      'date:',
    ],
    [
      'bad tag',
      (t: string) => t.replace('- attack.t1558.003', '- Attack.T1558'),
      'namespace.name',
      'Attack.T1558',
    ],
    [
      'bad technique',
      (t: string) => t.replace('- attack.t1558.003', '- attack.t15583'),
      'tNNNN',
      'attack.t15583',
    ],
    [
      'missing condition',
      (t: string) => t.replace('    condition: selection\n', ''),
      'detection.condition is required',
      'detection:',
    ],
    [
      'undefined identifier',
      (t: string) => t.replace('condition: selection', 'condition: selection and not filter'),
      '"filter"',
      'condition:',
    ],
    [
      'missing logsource',
      (t: string) => t.replace(/logsource:\n( {4}.*\n)+/, ''),
      'logsource is required',
      null,
    ],
    ['duplicate key', (t: string) => `${t}level: high\n`, 'YAML', null],
    ['broken yaml', (t: string) => t.replace('tags:', 'tags: [a,'), 'YAML', null],
  ])('%s → error on its line', (_name, mutate, message, needle) => {
    const text = mutate(base);
    const v = validateSigmaRule(text);
    expect(v.ok).toBe(false);
    const issue = v.issues.find((i) => i.severity === 'error' && i.message.includes(message));
    expect(issue, JSON.stringify(v.issues)).toBeDefined();
    if (needle) expect(issue?.line).toBe(lineOf(text, needle));
    else expect(issue?.line).toBeGreaterThanOrEqual(1);
  });

  it('refuses a YAML that is not a mapping, and an empty one', () => {
    expect(validateSigmaRule('- a\n- b\n').ok).toBe(false);
    expect(validateSigmaRule('').issues[0]).toMatchObject({ line: null, severity: 'error' });
  });

  it('accepts wildcard conditions that match defined identifiers', () => {
    const text = base.replace('condition: selection', 'condition: 1 of selection*');
    expect(validateSigmaRule(text).ok).toBe(true);
  });
});

describe('export names', () => {
  it('names files from titles and bundles rules as YAML documents', () => {
    expect(sigmaFileName('Kerberoast: RC4 TGS / "svc"')).toBe('kerberoast_rc4_tgs_svc.yml');
    expect(sigmaFileName('***')).toBe('rule.yml');
    const bundle = sigmaBundle(['title: a\n', 'title: b']);
    expect(bundle).toBe('title: a\n---\ntitle: b\n');
  });
});
