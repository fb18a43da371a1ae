import { memo, type RefObject, type TextareaHTMLAttributes, useLayoutEffect, useRef } from 'react';
import { useReadOnly } from '../hooks/useReadOnly.ts';
import { diffSplice, shiftCaret } from './textSplice.ts';

export interface CollabTextareaProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange'> {
  /** The shared text (a Y.Text read through core). */
  readonly value: string;
  /** Applies one local edit to the shared text (spliceNote / spliceRuleYaml). */
  readonly onSplice: (index: number, deleteCount: number, insert: string) => void;
  readonly testId?: string;
  /** For callers that move the caret (jump to an error's line) or sync a gutter's scroll. */
  readonly textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

/**
 * A textarea over shared text, edited character by character (ADR 0007): each input becomes one
 * splice, and a remote edit moves the caret the way the text moved, so two people can type in the
 * same minutes at once. Uncontrolled on purpose: React re-setting `value` would throw the caret
 * to the end on every remote keystroke. For viewers it is read-only (still selectable and
 * scrollable), since the relay refuses their edits and a local-only edit would be a lie.
 */
export const CollabTextarea = memo(function CollabTextarea({
  value,
  onSplice,
  testId,
  textareaRef,
  ...rest
}: CollabTextareaProps) {
  const own = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? own;
  const shown = useRef(value);
  const readOnly = useReadOnly();

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || el.value === value) {
      shown.current = value;
      return;
    }
    const splice = diffSplice(el.value, value);
    const focused = document.activeElement === el;
    const [start, end] = [el.selectionStart, el.selectionEnd];
    el.value = value;
    shown.current = value;
    if (focused && splice) el.setSelectionRange(shiftCaret(start, splice), shiftCaret(end, splice));
  }, [value, ref]);

  return (
    <textarea
      {...rest}
      readOnly={readOnly || rest.readOnly}
      ref={ref}
      data-testid={testId}
      defaultValue={value}
      onInput={(e) => {
        const next = e.currentTarget.value;
        const splice = diffSplice(shown.current, next);
        shown.current = next;
        if (splice) onSplice(splice.index, splice.deleteCount, splice.insert);
      }}
    />
  );
});
