import { type ChangeEvent, memo, useId, useState } from 'react';
import { ApiError, type ApiRowError, importTimeline } from '../api.ts';
import { useBoard } from '../board/BoardContext.tsx';

type Result =
  | { readonly kind: 'busy'; readonly file: string }
  | { readonly kind: 'ok'; readonly file: string; readonly added: number }
  | {
      readonly kind: 'error';
      readonly file: string;
      readonly message: string;
      readonly rows: readonly ApiRowError[];
    };

function kindOf(file: File): 'csv' | 'json' | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'csv';
  if (name.endsWith('.json') || file.type === 'application/json') return 'json';
  return null;
}

/**
 * Sends a CSV/JSON timeline to the relay, which validates every row and adds all or none; the new
 * events then arrive over sync like anyone else's edit, so this component writes nothing itself.
 */
export const ImportTimeline = memo(function ImportTimeline() {
  const { room } = useBoard();
  const [result, setResult] = useState<Result | null>(null);
  const inputId = useId();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    const kind = kindOf(file);
    if (!kind) {
      setResult({
        kind: 'error',
        file: file.name,
        message: 'Choose a .csv or .json file.',
        rows: [],
      });
      input.value = '';
      return;
    }
    setResult({ kind: 'busy', file: file.name });
    try {
      const added = await importTimeline(room, await file.text(), kind);
      setResult({ kind: 'ok', file: file.name, added });
    } catch (err) {
      setResult({
        kind: 'error',
        file: file.name,
        message: err instanceof ApiError ? err.message : 'The import failed.',
        rows: err instanceof ApiError ? err.rows : [],
      });
    }
    // Clearing lets the same file be chosen again after fixing it.
    input.value = '';
  };

  return (
    <div className="import">
      <label className="button small" htmlFor={inputId}>
        Import CSV/JSON
      </label>
      <input
        id={inputId}
        type="file"
        className="visually-hidden"
        accept=".csv,.json,text/csv,application/json"
        aria-label="Import timeline from a CSV or JSON file"
        data-testid="import-file"
        onChange={onFile}
      />
      {result && (
        <div
          className={`import-result ${result.kind}`}
          data-testid="import-result"
          role={result.kind === 'error' ? 'alert' : 'status'}
        >
          {result.kind === 'busy' && <span>Importing {result.file}…</span>}
          {result.kind === 'ok' && (
            <>
              <strong>
                Added {result.added} {result.added === 1 ? 'event' : 'events'}
              </strong>
              <span className="import-file-name" title={result.file}>
                from {result.file}
              </span>
            </>
          )}
          {result.kind === 'error' && (
            <>
              <p>
                <strong>{result.file} was not imported:</strong> {result.message}
              </p>
              {result.rows.length > 0 && (
                <ul className="row-errors">
                  {result.rows.map((r) => (
                    <li key={`${r.row}:${r.reason}`}>
                      <span className="row-no">Row {r.row}</span> {r.reason}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          {result.kind !== 'busy' && (
            <button
              type="button"
              className="link-button"
              aria-label="Dismiss import result"
              onClick={() => setResult(null)}
            >
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
});
