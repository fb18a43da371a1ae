import { BOARD_TEMPLATES, SEVERITIES, type Severity, templateById } from '@causeway/core';
import { type FormEvent, memo, useState } from 'react';
import { ApiError, createRoom } from '../api.ts';
import { boardPath, navigate, roomFromInput, TRENDS_PATH } from '../routes.ts';

const SEVERITY_HINT: Record<Severity, string> = {
  SEV1: 'SEV1 — critical',
  SEV2: 'SEV2 — major',
  SEV3: 'SEV3 — moderate',
  SEV4: 'SEV4 — minor',
};

const CreateBoardForm = memo(function CreateBoardForm() {
  const [title, setTitle] = useState('');
  const [incidentId, setIncidentId] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV2');
  const [problem, setProblem] = useState('');
  const [template, setTemplate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError('Give the board a title.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const room = await createRoom({
        title: title.trim(),
        incidentId: incidentId.trim(),
        severity,
        problem: problem.trim(),
        ...(template ? { template } : {}),
      });
      navigate(boardPath(room));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not create the board.');
      setBusy(false);
    }
  };

  return (
    <form className="card form-grid" data-testid="create-board-form" onSubmit={onSubmit}>
      <h2>New review board</h2>
      <label className="field">
        <span>Title</span>
        <input
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="CI secrets exposure"
        />
      </label>
      <div className="form-row">
        <label className="field">
          <span>Incident id</span>
          <input
            value={incidentId}
            onChange={(e) => setIncidentId(e.target.value)}
            placeholder="INC-2041"
          />
        </label>
        <label className="field">
          <span>Severity</span>
          <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_HINT[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Template</span>
        <select
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
          data-testid="template"
          aria-describedby="template-hint"
        >
          <option value="">Blank review</option>
          {BOARD_TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <small id="template-hint" className="muted">
          {templateById(template).summary} Sets the fishbone categories, the starter questions and a
          90-minute agenda.
        </small>
      </label>
      <label className="field">
        <span>Problem statement</span>
        <textarea
          rows={3}
          value={problem}
          onChange={(e) => setProblem(e.target.value)}
          placeholder="What happened, stated without blame: the question the 5 Whys will answer."
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create board'}
      </button>
    </form>
  );
});

const JoinBoardForm = memo(function JoinBoardForm() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const room = roomFromInput(value);
    if (!room) {
      setError('Paste a board link (…/r/<room>) or a room id.');
      return;
    }
    navigate(boardPath(room));
  };
  return (
    <form className="card form-grid" data-testid="join-board-form" onSubmit={onSubmit}>
      <h2>Join a board</h2>
      <label className="field">
        <span>Board link or room id</span>
        <input
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          placeholder="https://causeway.example/r/…"
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Join</button>
    </form>
  );
});

/** Product line, create-a-board form and join-by-link form. */
export function LandingPage() {
  return (
    <main className="landing">
      <header className="landing-hero">
        <h1>Causeway</h1>
        <p>
          A shared whiteboard for blameless post-incident reviews: build the timeline together,
          watch the response metrics update live, and agree on root cause and actions.
        </p>
      </header>
      <div className="landing-forms">
        <CreateBoardForm />
        <div className="landing-side">
          <JoinBoardForm />
          <a
            className="card trends-link"
            href={TRENDS_PATH}
            onClick={(e) => {
              e.preventDefault();
              navigate(TRENDS_PATH);
            }}
            data-testid="trends-link"
          >
            <h2>Trends across reviews</h2>
            <span className="muted">Dwell time, time to contain and more, per quarter.</span>
          </a>
        </div>
      </div>
    </main>
  );
}
