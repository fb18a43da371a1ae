import { memo, useId, useState } from 'react';
import { useReadOnly } from '../hooks/useReadOnly.ts';
import { ImportDialog, type ImportDone, type ImportSource } from '../import/ImportDialog.tsx';
import { ImportOutcome } from './ImportOutcome.tsx';
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
  // The file input is disabled for viewers (ReadOnlyScope); its label must look it too.
  const readOnly = useReadOnly();

  return (
    <div className="import">
      <span className="import-buttons">
        {/* Short labels: with "+ Event" they share one header line in a 1280-px-wide layout. */}
        <label
          className="button small"
          htmlFor={inputId}
          aria-disabled={readOnly || undefined}
          data-testid="import-file-button"
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
      {done && <ImportOutcome done={done} onDismiss={() => setDone(null)} />}
    </div>
  );
});
