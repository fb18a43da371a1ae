import { type ImportProgress, readImportsInProgress } from '@causeway/core';
import { memo } from 'react';
import { useDocArea } from '../hooks/useDocArea.ts';

const count = (n: number) => n.toLocaleString('en');

function Bar({ progress }: { progress: ImportProgress }) {
  const { label, by, added, total } = progress;
  return (
    <div className="import-result busy" role="status" data-testid="board-import-progress">
      {/* The file name may be cut to fit; who started it and the count never are. */}
      <span className="import-file-name" title={label}>
        Importing {label || 'a timeline'}
      </span>
      {by && (
        <span className="import-by" title={by}>
          {` (${by})`}
        </span>
      )}
      <span className="import-count">
        {count(added)} of {count(total)}
      </span>
      <progress max={total} value={added} aria-label={`Importing ${label}`} />
    </div>
  );
}

/**
 * Every import the relay is writing into this board, as it lands slice by slice: each page shows
 * the same bar (the record lives in the doc), the importer's and its peers' alike.
 */
export const ImportProgressBars = memo(function ImportProgressBars() {
  const imports = useDocArea('imports', readImportsInProgress);
  return imports.map((p) => <Bar key={p.id} progress={p} />);
});
