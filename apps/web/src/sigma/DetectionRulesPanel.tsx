import { addDetectionRule, draftSigmaRule, validateSigmaRule } from '@causeway/core';
import { memo, useMemo, useState } from 'react';
import { authedDownload } from '../auth/authedLinks.ts';
import { useBoard } from '../board/BoardContext.tsx';
import { localUser } from '../board/user.ts';
import { useActionItems } from '../hooks/useActionItems.ts';
import { useDetectionRules } from '../hooks/useDetectionRules.ts';
import { useFishbone } from '../hooks/useFishbone.ts';
import { useMeta } from '../hooks/useMeta.ts';
import { useWhys } from '../hooks/useWhys.ts';
import { ReadOnlyScope } from '../ui/ReadOnlyScope.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { parseRuleSource, ruleSourceOptions } from './ruleSources.ts';

const today = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

const GROUPS = ['5 Whys', 'Fishbone', 'Action items'] as const;

/** Sigma detection rules: drafted from a cause or action item, edited together, checked as typed. */
export const DetectionRulesPanel = memo(function DetectionRulesPanel() {
  const { doc, room } = useBoard();
  const rules = useDetectionRules();
  const whys = useWhys();
  const fishbone = useFishbone();
  const actions = useActionItems();
  const meta = useMeta();
  const options = useMemo(
    () => ruleSourceOptions(whys, fishbone, actions),
    [whys, fishbone, actions],
  );
  const [picked, setPicked] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const source = options.find((o) => o.value === picked) ?? options[0];
  const current = rules.find((r) => r.id === selected) ?? rules.at(-1);
  // The relay exports only the rules passing this check: with none, the file is only a comment.
  const checks = useMemo(
    () => new Map(rules.map((r) => [r.id, validateSigmaRule(r.yaml)])),
    [rules],
  );
  const anyValid = rules.some((r) => checks.get(r.id)?.ok);
  const labelOf = (v: string | null) =>
    options.find((o) => o.value === v)?.label ?? 'nothing (written by hand)';

  const onDraft = () => {
    const basis = source?.basis ?? 'New detection';
    const id = addDetectionRule(doc, {
      title: basis.length > 60 ? `${basis.slice(0, 59)}…` : basis || 'New detection',
      yaml: draftSigmaRule({
        basis,
        boardTitle: meta.title,
        incidentId: meta.incidentId,
        author: localUser().name,
        date: today(),
        references: [window.location.href],
      }),
      source: source ? parseRuleSource(source.value) : null,
    });
    setSelected(id);
  };

  return (
    <section className="rules-panel" data-testid="detection-rules" aria-label="Detection rules">
      <div className="rules-toolbar">
        {/* Viewers keep the rule list and the downloads; drafting is an edit. */}
        <ReadOnlyScope>
          <label className="rules-from">
            <span>Draft a Sigma rule from</span>
            <select
              aria-label="Draft from"
              data-testid="rule-source"
              value={source?.value ?? ''}
              onChange={(e) => setPicked(e.target.value)}
            >
              {options.length === 0 && (
                <option value="">— add a why, cause or action first —</option>
              )}
              {GROUPS.map((g) => {
                const list = options.filter((o) => o.group === g);
                return list.length === 0 ? null : (
                  <optgroup key={g} label={g}>
                    {list.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </label>
          <button type="button" className="primary" data-testid="draft-rule" onClick={onDraft}>
            Draft rule
          </button>
        </ReadOnlyScope>
        {anyValid ? (
          <a
            className="button"
            href={`/api/rooms/${encodeURIComponent(room)}/detection-rules.yml`}
            download
            data-testid="download-all-rules"
            onClick={authedDownload(
              room,
              `/api/rooms/${encodeURIComponent(room)}/detection-rules.yml`,
              `causeway-${room}-detection-rules.yml`,
            )}
          >
            Download all valid (.yml)
          </a>
        ) : (
          // A link cannot be disabled; a disabled button says why on hover.
          <button
            type="button"
            data-testid="download-all-rules"
            disabled
            title={
              rules.length === 0
                ? 'No rule yet: draft one first'
                : 'No rule is valid yet: fix the errors first, only valid rules are exported'
            }
          >
            Download all valid (.yml)
          </button>
        )}
      </div>
      {rules.length === 0 ? (
        <p className="empty rules-empty">
          No detection rules yet. Pick the cause or action item a rule should catch, then “Draft
          rule”: you get a Sigma template to complete, checked as you type.
        </p>
      ) : (
        <div className="rules-body">
          <ul className="rules-list" aria-label="Rules">
            {rules.map((r) => {
              const v = checks.get(r.id) ?? validateSigmaRule(r.yaml);
              const errors = v.issues.filter((i) => i.severity === 'error').length;
              return (
                <li key={r.id}>
                  <button
                    type="button"
                    className={r.id === current?.id ? 'rule-item active' : 'rule-item'}
                    aria-current={r.id === current?.id}
                    data-testid="rule-item"
                    onClick={() => setSelected(r.id)}
                  >
                    <span className="rule-item-title">{r.title || '(no label)'}</span>
                    <span className={errors > 0 ? 'badge bad' : 'badge ok'}>
                      {errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : 'valid'}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {current && (
            <RuleEditor
              key={current.id}
              rule={current}
              sourceLabel={labelOf(
                current.source ? `${current.source.kind}:${current.source.id}` : null,
              )}
            />
          )}
        </div>
      )}
    </section>
  );
});
