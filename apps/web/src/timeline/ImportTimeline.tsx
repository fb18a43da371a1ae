import { memo, useId, useState } from 'react';
import { ImportDialog, type ImportDone, type ImportSource } from '../import/ImportDialog.tsx';
import { ImportProgressBars } from './ImportProgressBars.tsx';

/**
 * Starts an import: choosing a file (or "TheHive…") opens the preview dialog, which writes
 * nothing until the responder confirms. The outcome stays here after the dialog closes; the new
 * events themselves arrive over sync like anyone else's edit.
 */
export const ImportTimeline = memo(function ImportTimeline() {
  const [source, setSource] = useState<ImportSource | null>(null);
  const [done, setDone] = useState<ImportDone | null>(null);
  const inputId = useId();

  const skipped = done ? done.duplicates.onBoard + done.duplicates.inFile : 0;
  return (
    <div className="import">
      <span className="import-buttons">
        {/* Short labels: with "+ Event" they share one header line in a 1280-px-wide layout. */}
        <label
          className="button small"
          htmlFor={inputId}
          title="Import a file: TheHive, DFIR-IRIS, Splunk, Elastic, ServiceNow, CSV or JSON"
        >
          Import
        </label>
        <input
          id={inputId}
          type="file"
          className="visually-hidden"
          accept=".csv,.json,.jsonl,.ndjson,.txt,text/csv,application/json"
          aria-label="Import timeline events from a file (TheHive, DFIR-IRIS, Splunk, Elastic, ServiceNow, CSV or JSON)"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // Clearing lets the same file be chosen again after fixing it.
            e.currentTarget.value = '';
            if (file) setSource({ kind: 'file', file });
          }}
        />
        <button
          type="button"
          className="small"
          data-testid="import-thehive"
          title="Pull a case timeline from a TheHive 5 server"
          onClick={() => setSource({ kind: 'thehive' })}
        >
          TheHive
        </button>
      </span>
      {source && (
        <ImportDialog
          source={source}
          onClose={() => setSource(null)}
          onDone={(d) => {
            setSource(null);
            setDone(d);
          }}
        />
      )}
      <ImportProgressBars />
      {done && (
        <div className="import-result ok" data-testid="import-result" role="status">
          <strong>
            Added {done.added.toLocaleString('en')} {done.added === 1 ? 'event' : 'events'}
          </strong>
          <span className="import-file-name" title={done.label}>
            from {done.label}
            {skipped > 0 && ` (${skipped.toLocaleString('en')} already on the board)`}
          </span>
          <button
            type="button"
            className="link-button"
            aria-label="Dismiss import result"
            onClick={() => setDone(null)}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
});
