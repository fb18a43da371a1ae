/**
 * The import dialog: a file (or a TheHive case), its format (detected, changeable), the columns
 * and zone when they are needed, a preview of exactly what would happen, then one button that
 * imports all of it or nothing. Parsing runs in a worker; the commit is the relay's, stored all
 * at once and sent to every page in slices, with a progress bar on every page while they land.
 */
import {
  type ColumnMapping,
  FORMAT_LABELS,
  IMPORT_FORMATS,
  type ImportFormat,
  type PreviewSummary,
} from '@causeway/core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { useBoard } from '../board/BoardContext.tsx';
import { localUser } from '../board/user.ts';
import { useImportPreview } from '../hooks/useImportPreview.ts';
import {
  type Committed,
  commitFile,
  importTheHive,
  previewTheHive,
  type TheHiveForm,
} from './importApi.ts';
import { MappingFields } from './MappingFields.tsx';
import { PreviewView } from './PreviewView.tsx';
import { TheHivePullForm } from './TheHivePullForm.tsx';
import type { WorkerOptions } from './workerProtocol.ts';
import { ZoneField } from './ZoneField.tsx';
import './importDialog.css';

export type ImportSource =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'thehive' };

export interface ImportDone extends Committed {
  readonly label: string;
}

interface Props {
  readonly source: ImportSource;
  readonly onClose: () => void;
  readonly onDone: (done: ImportDone) => void;
}

type Commit =
  | { readonly status: 'idle' }
  | { readonly status: 'uploading'; readonly fraction: number }
  | { readonly status: 'writing' }
  | { readonly status: 'failed'; readonly error: ApiError };

type Pulled =
  | { readonly status: 'idle' }
  | { readonly status: 'fetching' }
  | { readonly status: 'ready'; readonly summary: PreviewSummary }
  | { readonly status: 'failed'; readonly message: string };

const asApiError = (err: unknown) =>
  err instanceof ApiError
    ? err
    : new ApiError(0, 'unknown', err instanceof Error ? err.message : 'The import failed.');

/** The relay's reasons often end "; nothing was imported": the dialog already says so first. */
const withoutNothingImported = (message: string) =>
  message.replace(/[;,.]?\s*nothing was imported\.?$/i, '');

const percent = (done: number, total: number) =>
  total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;

export function ImportDialog({ source, onClose, onDone }: Props) {
  const { room, doc } = useBoard();
  const dialog = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [zone, setZone] = useState('');
  const [mapping, setMapping] = useState<Partial<ColumnMapping> | null>(null);
  const [commit, setCommit] = useState<Commit>({ status: 'idle' });
  const [hive, setHive] = useState<TheHiveForm>({ baseUrl: '', apiKey: '', caseId: '' });
  const [pulled, setPulled] = useState<Pulled>({ status: 'idle' });
  const preview = useImportPreview(doc);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const complete = mapping?.time && mapping.description ? (mapping as ColumnMapping) : undefined;
  const options: WorkerOptions = useMemo(
    () => ({
      ...(format ? { format } : {}),
      ...(zone ? { zone } : {}),
      ...(complete && (format === 'generic' || format === '') ? { mapping: complete } : {}),
    }),
    [format, zone, complete],
  );

  const file = source.kind === 'file' ? source.file : null;
  const { run } = preview;
  useEffect(() => {
    // New options are a new attempt: a failed commit no longer stands for them.
    setCommit({ status: 'idle' });
    if (file) run(file, options);
  }, [file, options, run]);

  const summary: PreviewSummary | null =
    source.kind === 'file'
      ? preview.state.status === 'ready'
        ? preview.state.summary
        : null
      : pulled.status === 'ready'
        ? pulled.summary
        : null;
  const busy = commit.status === 'uploading' || commit.status === 'writing';
  const detected = summary?.format;
  const failed = commit.status === 'failed';
  // After a failed commit the same file and options would fail again: change one to retry.
  const canImport =
    summary !== null && summary.refusedCount === 0 && summary.toAdd > 0 && !busy && !failed;

  const fetchHive = async () => {
    setPulled({ status: 'fetching' });
    setCommit({ status: 'idle' });
    try {
      setPulled({ status: 'ready', summary: await previewTheHive(room, hive) });
    } catch (err) {
      setPulled({ status: 'failed', message: asApiError(err).message });
    }
  };

  const doImport = async () => {
    if (!summary) return;
    try {
      let done: Committed;
      if (source.kind === 'file') {
        setCommit({ status: 'uploading', fraction: 0 });
        // Pin what the preview used, so the relay cannot detect or guess differently.
        const sent: WorkerOptions = {
          format: summary.format,
          ...(zone ? { zone } : {}),
          ...(summary.format === 'generic' && summary.mapping ? { mapping: summary.mapping } : {}),
        };
        done = await commitFile(room, source.file, sent, localUser().name, (fraction) =>
          setCommit(fraction < 1 ? { status: 'uploading', fraction } : { status: 'writing' }),
        );
      } else {
        setCommit({ status: 'writing' });
        done = await importTheHive(room, hive, localUser().name);
      }
      onDone({
        ...done,
        label: source.kind === 'file' ? source.file.name : `TheHive case ${hive.caseId}`,
      });
    } catch (err) {
      setCommit({ status: 'failed', error: asApiError(err) });
    }
  };

  const close = () => {
    if (!busy) onClose();
  };

  return (
    <dialog
      ref={dialog}
      className="imp-dialog"
      aria-labelledby={titleId}
      data-testid="import-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <header className="imp-head">
        <h2 id={titleId}>
          {source.kind === 'file' ? (
            <>
              Import{' '}
              <span className="imp-file" title={source.file.name}>
                {source.file.name}
              </span>
            </>
          ) : (
            'Import a TheHive case timeline'
          )}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          onClick={close}
          disabled={busy}
        >
          ×
        </button>
      </header>

      <div className="imp-body">
        {source.kind === 'thehive' && (
          <TheHivePullForm
            form={hive}
            onChange={setHive}
            onPreview={fetchHive}
            busy={pulled.status === 'fetching'}
          />
        )}
        {source.kind === 'file' && (
          <div className="imp-options">
            <label>
              <span>Format</span>
              <select
                value={format}
                disabled={busy}
                data-testid="import-format"
                onChange={(e) => {
                  setFormat(e.currentTarget.value as ImportFormat | '');
                  setMapping(null);
                }}
              >
                <option value="">
                  {detected && format === ''
                    ? `Detected: ${FORMAT_LABELS[detected]}`
                    : 'Detect from the content'}
                </option>
                {IMPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {FORMAT_LABELS[f]}
                  </option>
                ))}
              </select>
            </label>
            <ZoneField value={zone} disabled={busy} onChange={setZone} />
          </div>
        )}
        {summary && (
          <p className="imp-variant" data-testid="import-variant">
            Read as <strong>{summary.variant}</strong>
          </p>
        )}
        {summary?.format === 'generic' && summary.columns && (
          <MappingFields
            columns={summary.columns}
            mapping={mapping ?? summary.mapping ?? {}}
            onChange={setMapping}
            disabled={busy}
          />
        )}

        {preview.state.status === 'working' && (
          <div className="imp-progress" role="status" data-testid="import-progress">
            <span>
              {preview.state.stage === 'reading'
                ? 'Reading the file…'
                : `Checking rows: ${preview.state.done.toLocaleString('en')} of ${preview.state.total.toLocaleString('en')}`}
            </span>
            <progress
              max={100}
              value={
                preview.state.stage === 'reading'
                  ? undefined
                  : percent(preview.state.done, preview.state.total)
              }
            />
          </div>
        )}
        {preview.state.status === 'failed' && (
          <p className="imp-error" role="alert">
            The file could not be read: {preview.state.message}
          </p>
        )}
        {pulled.status === 'failed' && (
          <p className="imp-error" role="alert" data-testid="thehive-error">
            {pulled.message}
          </p>
        )}
        {summary && <PreviewView summary={summary} showHeadline={!failed} />}
      </div>

      <footer className="imp-foot">
        {commit.status === 'uploading' && (
          <div className="imp-progress" role="status" data-testid="import-commit-progress">
            <span>Uploading {Math.round(commit.fraction * 100)}%</span>
            <progress max={100} value={Math.round(commit.fraction * 100)} />
          </div>
        )}
        {commit.status === 'writing' && (
          <div className="imp-progress" role="status" data-testid="import-commit-progress">
            <span>Writing {summary?.toAdd.toLocaleString('en')} events to the board…</span>
            <progress max={100} />
          </div>
        )}
        {commit.status === 'failed' && (
          <div className="imp-error" role="alert" data-testid="import-commit-error">
            <strong>Nothing was imported:</strong> {withoutNothingImported(commit.error.message)}
            {commit.error.rows.length > 0 && (
              <ul className="row-errors">
                {commit.error.rows.slice(0, 20).map((r) => (
                  <li key={`${r.row}:${r.reason}`}>
                    <span className="row-no">Row {r.row}</span> {r.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="imp-actions">
          <button type="button" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!canImport}
            onClick={doImport}
            data-testid="import-confirm"
          >
            {canImport
              ? `Import ${summary.toAdd.toLocaleString('en')} ${summary.toAdd === 1 ? 'event' : 'events'}`
              : 'Import'}
          </button>
        </div>
      </footer>
    </dialog>
  );
}
