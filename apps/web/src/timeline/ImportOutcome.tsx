import { hasEvent, observeArea, readImportsInProgress } from '@causeway/core';
import { useCallback, useSyncExternalStore } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { localUser } from '../board/user.ts';
import { useDocArea } from '../hooks/useDocArea.ts';
import type { ImportDone } from '../import/ImportDialog.tsx';

const count = (n: number) => n.toLocaleString('en');

/** Whether this page's copy of the board holds the event (re-checked as the timeline changes). */
function useHasEvent(id: string | null): boolean {
  const { doc } = useBoard();
  const subscribe = useCallback(
    (onChange: () => void) => observeArea(doc, 'timeline', onChange),
    [doc],
  );
  return useSyncExternalStore(subscribe, () => id === null || hasEvent(doc, id));
}

interface Props {
  readonly done: ImportDone;
  readonly onDismiss: () => void;
}

/**
 * The importer's outcome line. The relay answers before this page has applied every slice, so
 * "Added" waits until the import's last event is on this board; until then it counts the slices.
 */
export function ImportOutcome({ done, onDismiss }: Props) {
  const landed = useHasEvent(done.lastEventId);
  const imports = useDocArea('imports', readImportsInProgress);
  const skipped = done.duplicates.onBoard + done.duplicates.inFile;
  if (!landed) {
    const by = localUser().name.slice(0, 80);
    const mine = imports.find((p) => p.label === done.label.slice(0, 200) && p.by === by);
    return (
      <div className="import-result busy" data-testid="import-result" role="status">
        <span className="import-file-name" title={done.label}>
          Writing {done.label}…
        </span>
        <span className="import-count">
          {count(mine?.added ?? 0)} of {count(done.added)}
        </span>
      </div>
    );
  }
  return (
    <div className="import-result ok" data-testid="import-result" role="status">
      <strong>
        Added {count(done.added)} {done.added === 1 ? 'event' : 'events'}
      </strong>
      <span className="import-file-name" title={done.label}>
        from {done.label}
        {skipped > 0 && ` (${count(skipped)} already on the board)`}
      </span>
      <button
        type="button"
        className="link-button"
        aria-label="Dismiss import result"
        onClick={onDismiss}
      >
        Dismiss
      </button>
    </div>
  );
}
