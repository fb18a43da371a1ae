/**
 * A × button that asks "Delete / Keep" in place before deleting. Controlled, because some rows
 * show more while the question is open (the timeline names the evidence links that would go).
 */
export function DeleteButton(props: {
  readonly what: string;
  readonly confirming: boolean;
  readonly onConfirmingChange: (confirming: boolean) => void;
  readonly onDelete: () => void;
  readonly testId?: string;
  readonly confirmTestId?: string;
}) {
  const { what, confirming, onConfirmingChange, onDelete } = props;
  if (confirming) {
    return (
      <span className="confirm">
        <button
          type="button"
          className="danger small"
          data-testid={props.confirmTestId}
          onClick={onDelete}
        >
          Delete
        </button>
        <button type="button" className="small" onClick={() => onConfirmingChange(false)}>
          Keep
        </button>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={`Delete ${what}`}
      title={`Delete ${what}`}
      data-testid={props.testId}
      onClick={() => onConfirmingChange(true)}
    >
      ×
    </button>
  );
}
