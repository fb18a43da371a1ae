/**
 * Delete with an inline confirmation instead of window.confirm: it names what goes (a cascade
 * can take a whole branch), works from the keyboard and does not block other peers' updates.
 */
import { useEffect, useRef, useState } from 'react';

interface Props {
  readonly what: string;
  readonly onConfirm: () => void;
  readonly testId: string;
  readonly label?: string;
}

export function ConfirmDelete({ what, onConfirm, testId, label = 'Delete' }: Props) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        className="cw-btn cw-btn-danger nodrag"
        data-testid={testId}
        title={`Delete ${what}`}
        aria-label={`Delete ${what}`}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <fieldset
      className="cw-confirm nodrag"
      onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}
    >
      <span className="cw-confirm-q">Delete {what}?</span>
      <button
        ref={yes}
        type="button"
        className="cw-btn cw-btn-danger-solid"
        data-testid="confirm-delete"
        onClick={onConfirm}
      >
        Delete
      </button>
      <button type="button" className="cw-btn" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
