import { type KeyboardEvent, memo, useId, useLayoutEffect, useRef, useState } from 'react';

/** Browsers without CSS `field-sizing` get the textarea's height set from its scrollHeight. */
const CSS_GROWS =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function'
    ? CSS.supports('field-sizing', 'content')
    : false;

export interface CommitFieldProps {
  /** The shared value; shown whenever the person is not mid-edit. */
  readonly value: string;
  /** Writes the edit; return an error message to refuse it (the draft stays for fixing). */
  readonly onCommit: (next: string) => string | null | undefined;
  readonly label: string;
  /** A textarea that grows with its text, so long titles and descriptions are never cut off. */
  readonly multiline?: boolean;
  /** For multiline fields: whether Enter commits (Shift+Enter then adds a line). */
  readonly enterCommits?: boolean;
  readonly placeholder?: string;
  readonly className?: string;
  readonly testId?: string;
  readonly onFocus?: () => void;
  readonly onBlur?: () => void;
  /** After a write, an unchanged blur, or Escape: the edit is over (not after a refused value). */
  readonly onSettled?: () => void;
  readonly rows?: number;
  readonly autoFocus?: boolean;
  /** Shown but not editable (viewers). */
  readonly readOnly?: boolean;
}

/**
 * A text field that edits a private draft and writes once on blur or Enter.
 *
 * Writing per keystroke would interleave characters with a peer typing in the same field and
 * flood the doc; a draft held only while focused also means remote edits show up immediately in
 * every field the person is not touching. Escape drops the draft.
 */
export const CommitField = memo(function CommitField(props: CommitFieldProps) {
  const { value, onCommit, label, multiline = false, enterCommits = !multiline } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const area = useRef<HTMLTextAreaElement | null>(null);
  const shown = draft ?? value;

  useLayoutEffect(() => {
    const el = area.current;
    if (CSS_GROWS || !el || shown === undefined) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  }, [shown]);

  const commit = () => {
    if (draft === null || draft === value) {
      setDraft(null);
      setError(null);
      props.onSettled?.();
      return true;
    }
    const problem = onCommit(draft);
    if (problem) {
      // Keep the draft and say why; focus is not pulled back, the person may be leaving on purpose.
      setError(problem);
      return false;
    }
    setDraft(null);
    setError(null);
    props.onSettled?.();
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && enterCommits && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if (commit()) e.currentTarget.blur();
    } else if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
      e.currentTarget.blur();
      props.onSettled?.();
    }
  };

  const common = {
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'data-testid': props.testId,
    className: multiline ? `grow ${props.className ?? ''}` : props.className,
    placeholder: props.placeholder,
    value: shown,
    onKeyDown,
    onFocus: props.onFocus,
    autoFocus: props.autoFocus,
    readOnly: props.readOnly,
    onBlur: () => {
      commit();
      props.onBlur?.();
    },
  };

  return (
    <>
      {multiline ? (
        <textarea
          {...common}
          ref={area}
          rows={props.rows ?? 1}
          onChange={(e) => setDraft(e.target.value)}
        />
      ) : (
        <input {...common} onChange={(e) => setDraft(e.target.value)} />
      )}
      {error && (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </>
  );
});
