import {
  type DetectionRule,
  deleteDetectionRule,
  sigmaFileName,
  spliceRuleYaml,
  updateDetectionRule,
  validateSigmaRule,
} from '@causeway/core';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { useReadOnly } from '../hooks/useReadOnly.ts';
import { CollabTextarea } from '../ui/CollabTextarea.tsx';
import { CommitField } from '../ui/CommitField.tsx';
import { DeleteButton } from '../ui/DeleteButton.tsx';
import { downloadText } from '../ui/download.ts';
import { ReadOnlyScope } from '../ui/ReadOnlyScope.tsx';

export interface RuleEditorProps {
  readonly rule: DetectionRule;
  readonly sourceLabel: string;
}

/** One rule: its label, the shared YAML with line numbers, and the Sigma checks as you type. */
export const RuleEditor = memo(function RuleEditor({ rule, sourceLabel }: RuleEditorProps) {
  const { doc } = useBoard();
  const readOnly = useReadOnly();
  const [confirming, setConfirming] = useState(false);
  const area = useRef<HTMLTextAreaElement | null>(null);
  const gutter = useRef<HTMLDivElement | null>(null);
  const check = useMemo(() => validateSigmaRule(rule.yaml), [rule.yaml]);
  const errors = check.issues.filter((i) => i.severity === 'error').length;
  const lines = rule.yaml.split('\n').length;
  const badLines = useMemo(
    () => new Set(check.issues.filter((i) => i.severity === 'error').map((i) => i.line)),
    [check],
  );

  const onSplice = useCallback(
    (index: number, del: number, insert: string) =>
      spliceRuleYaml(doc, rule.id, index, del, insert),
    [doc, rule.id],
  );
  const onTitle = useCallback(
    (next: string) => {
      if (!next.trim()) return 'A rule needs a label.';
      updateDetectionRule(doc, rule.id, { title: next.trim() });
      return null;
    },
    [doc, rule.id],
  );
  const goToLine = (line: number | null) => {
    const el = area.current;
    if (!el || line === null) return;
    const offset = el.value
      .split('\n')
      .slice(0, line - 1)
      .reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(offset, offset);
  };

  return (
    <div className="rule-editor" data-testid="rule-editor" data-rule-id={rule.id}>
      <div className="rule-editor-head">
        <CommitField
          value={rule.title}
          onCommit={onTitle}
          label="Rule label"
          className="rule-label"
          testId="rule-label"
          readOnly={readOnly}
        />
        <button
          type="button"
          className="small"
          data-testid="download-rule"
          disabled={errors > 0}
          title={errors > 0 ? 'Fix the errors first: only valid rules are exported' : undefined}
          onClick={() =>
            downloadText(
              sigmaFileName(String(check.rule?.title ?? rule.title)),
              rule.yaml,
              'application/yaml',
            )
          }
        >
          Download .yml
        </button>
        <ReadOnlyScope>
          <DeleteButton
            what="rule"
            testId="delete-rule"
            confirming={confirming}
            onConfirmingChange={setConfirming}
            onDelete={() => deleteDetectionRule(doc, rule.id)}
          />
        </ReadOnlyScope>
      </div>
      <p className="muted rule-source">Drafted from: {sourceLabel}</p>
      <div className="yaml-editor">
        <div className="yaml-gutter" ref={gutter} aria-hidden>
          {Array.from({ length: lines }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: line numbers are their own identity
            <div key={i} className={badLines.has(i + 1) ? 'bad-line' : undefined}>
              {i + 1}
            </div>
          ))}
        </div>
        <CollabTextarea
          value={rule.yaml}
          onSplice={onSplice}
          textareaRef={area}
          aria-label="Sigma rule YAML"
          aria-invalid={errors > 0}
          testId="rule-yaml"
          className="yaml-text"
          spellCheck={false}
          wrap="off"
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <div className="rule-checks" data-testid="rule-checks" aria-live="polite">
        {check.issues.length === 0 ? (
          <p className="ok-text" data-testid="rule-valid">
            ✓ Valid Sigma rule
          </p>
        ) : (
          <ul>
            {check.issues.map((i, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id and are re-derived per keystroke
              <li key={n} className={`issue issue-${i.severity}`} data-testid="rule-issue">
                <button type="button" className="link-button" onClick={() => goToLine(i.line)}>
                  {i.line === null ? 'Rule' : `Line ${i.line}`}
                </button>{' '}
                <span className="issue-kind">{i.severity}</span> {i.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
});
