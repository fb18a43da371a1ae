/**
 * A textarea that looks like text. It keeps a local draft while focused (remote edits do not
 * yank the text from under the typist), commits once on blur or Enter, and Escape restores the
 * stored value. Focus and blur announce "editing" over awareness.
 */
import { type KeyboardEvent, type Ref, useLayoutEffect, useRef, useState } from 'react';

interface Props {
  readonly value: string;
  readonly onCommit: (text: string) => void;
  readonly onFocusChange?: (focused: boolean) => void;
  readonly placeholder: string;
  readonly ariaLabel: string;
  readonly testId: string;
  readonly className?: string;
  readonly inputRef?: Ref<HTMLTextAreaElement>;
  /** Single-line fields (category names) never take a newline. */
  readonly singleLine?: boolean;
  /**
   * The text doubles as the node's drag handle until it has focus: a cause is mostly its label,
   * so "grab to move, click to type" needs no separate grip. Focused, it selects text normally.
   */
  readonly dragWhenIdle?: boolean;
}

export function InlineText({
  value,
  onCommit,
  onFocusChange,
  placeholder,
  ariaLabel,
  testId,
  className,
  inputRef,
  singleLine,
  dragWhenIdle,
}: Props) {
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  const own = useRef<HTMLTextAreaElement | null>(null);
  const cancelled = useRef(false);
  const shown = focused ? draft : value;

  // Grow with the text so the node (and the layout) always shows all of it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the shown text changes
  useLayoutEffect(() => {
    const el = own.current;
    if (!el) return;
    el.style.height = '0px';
    el.style.height = `${el.scrollHeight}px`;
  }, [shown]);

  const setRefs = (el: HTMLTextAreaElement | null) => {
    own.current = el;
    if (typeof inputRef === 'function') inputRef(el);
    else if (inputRef) (inputRef as { current: HTMLTextAreaElement | null }).current = el;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (singleLine || !e.shiftKey)) {
      e.preventDefault();
      e.currentTarget.blur();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancelled.current = true;
      e.currentTarget.blur();
    }
  };

  return (
    <textarea
      ref={setRefs}
      className={`cw-inline nowheel ${dragWhenIdle && !focused ? 'cw-inline-grab' : 'nodrag'} ${className ?? ''}`}
      data-testid={testId}
      aria-label={ariaLabel}
      placeholder={placeholder}
      rows={1}
      value={shown}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKeyDown}
      onFocus={() => {
        cancelled.current = false;
        setDraft(value);
        setFocused(true);
        onFocusChange?.(true);
      }}
      onBlur={() => {
        setFocused(false);
        onFocusChange?.(false);
        const text = singleLine ? draft.replace(/\s+/g, ' ').trim() : draft.trim();
        if (!cancelled.current && text !== value) onCommit(text);
        cancelled.current = false;
      }}
    />
  );
}
