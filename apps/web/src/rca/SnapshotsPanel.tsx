import { type FormEvent, memo, useCallback, useEffect, useState } from 'react';
import {
  ApiError,
  boardExportUrl,
  listSnapshots,
  type SnapshotInfo,
  saveSnapshot,
  snapshotExportUrl,
} from '../api.ts';
import { authedDownload } from '../auth/authedLinks.ts';
import { useBoard } from '../board/BoardContext.tsx';
import { setPresence } from '../board/presence.ts';
import { usePeerSnapshotSaves } from '../hooks/usePeerSnapshotSaves.ts';

// Pages on this board announce their saves over awareness; the slow poll catches snapshots saved
// by other tools through the REST API.
const REFRESH_MS = 15_000;

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** Versioned snapshots of the board and the JSON exports. */
export const SnapshotsPanel = memo(function SnapshotsPanel() {
  const { room, awareness } = useBoard();
  const [snapshots, setSnapshots] = useState<readonly SnapshotInfo[] | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setSnapshots(await listSnapshots(room));
      setLoadError(null);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err.message : 'Could not load snapshots.');
    }
  }, [room]);

  usePeerSnapshotSaves(
    awareness,
    useCallback(() => void refresh(), [refresh]),
  );

  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), REFRESH_MS);
    // Coming back to the tab (after saving elsewhere, or waking the laptop) should not show stale.
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(t);
      window.removeEventListener('focus', onFocus);
    };
  }, [refresh]);

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    const text = label.trim();
    if (!text) {
      setError('Label the snapshot, e.g. "after review".');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await saveSnapshot(room, text);
      setPresence(awareness, 'snapshotsVersion', Date.now());
      setLabel('');
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not save the snapshot.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="snapshots-h">
      <div className="panel-head">
        <h2 id="snapshots-h">Snapshots &amp; export</h2>
        <a
          className="button small"
          href={boardExportUrl(room)}
          download
          data-testid="export-board"
          onClick={authedDownload(room, boardExportUrl(room), `causeway-${room}-rca.json`)}
        >
          Export current board (JSON)
        </a>
      </div>
      <form className="inline-form" onSubmit={onSave}>
        <input
          aria-label="Snapshot label"
          data-testid="snapshot-label"
          placeholder="Label, e.g. after review"
          value={label}
          onChange={(e) => {
            setLabel(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="primary" data-testid="save-snapshot" disabled={busy}>
          {busy ? 'Saving…' : 'Save snapshot'}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="snapshot-list" data-testid="snapshot-list">
        {snapshots === null ? (
          <li className="muted">{loadError ?? 'Loading…'}</li>
        ) : snapshots.length === 0 ? (
          <li className="muted">No snapshots yet.</li>
        ) : (
          snapshots.map((s) => (
            <li key={s.id} className="snapshot" data-testid="snapshot" data-snapshot-id={s.id}>
              <span className="snapshot-label">{s.label || '(no label)'}</span>
              <span className="snapshot-when muted">{when(s.createdAt)}</span>
              <a
                href={snapshotExportUrl(room, s.id)}
                download
                data-testid="snapshot-download"
                onClick={authedDownload(
                  room,
                  snapshotExportUrl(room, s.id),
                  `causeway-${room}-${s.id}-rca.json`,
                )}
              >
                Download JSON
              </a>
            </li>
          ))
        )}
      </ul>
    </section>
  );
});
