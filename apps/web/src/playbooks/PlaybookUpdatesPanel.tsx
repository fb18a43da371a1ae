import {
  addPlaybookUpdate,
  deletePlaybookUpdate,
  PLAYBOOK_STATUSES,
  type PlaybookStatus,
  type PlaybookUpdate,
  updatePlaybookUpdate,
} from '@causeway/core';
import { type FormEvent, memo, useCallback, useMemo, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { useFishbone } from '../hooks/useFishbone.ts';
import { usePlaybookUpdates } from '../hooks/usePlaybookUpdates.ts';
import { useWhys } from '../hooks/useWhys.ts';
import { CauseOptionGroups } from '../rca/CauseOptionGroups.tsx';
import { type CauseOption, causeOptions, parseRefValue, refValue } from '../rca/causeOptions.ts';
import { CommitField } from '../ui/CommitField.tsx';
import { count } from '../ui/count.ts';

const PlaybookRow = memo(function PlaybookRow(props: {
  readonly update: PlaybookUpdate;
  readonly whyOptions: readonly CauseOption[];
  readonly causeOptions: readonly CauseOption[];
}) {
  const { doc } = useBoard();
  const { update } = props;
  const onPlaybook = useCallback(
    (next: string) => {
      if (!next.trim()) return 'Name the playbook.';
      updatePlaybookUpdate(doc, update.id, { playbook: next.trim() });
      return null;
    },
    [doc, update.id],
  );
  const onChange = useCallback(
    (next: string) => {
      updatePlaybookUpdate(doc, update.id, { change: next.trim() });
      return null;
    },
    [doc, update.id],
  );
  return (
    <li className="action-item playbook-item" data-testid="playbook-update">
      <div className="action-top">
        <CommitField
          value={update.playbook}
          onCommit={onPlaybook}
          label="Playbook"
          className="action-title"
          testId="playbook-name"
        />
        <button
          type="button"
          className="icon-button"
          aria-label="Delete playbook update"
          onClick={() => deletePlaybookUpdate(doc, update.id)}
        >
          ×
        </button>
      </div>
      <CommitField
        multiline
        rows={3}
        value={update.change}
        onCommit={onChange}
        label="Proposed change"
        placeholder="The change to the playbook (saved when you leave the field)"
        testId="playbook-change"
      />
      <div className="action-grid">
        <label className="mini-field">
          <span>Status</span>
          <select
            aria-label="Playbook update status"
            value={update.status}
            onChange={(e) =>
              updatePlaybookUpdate(doc, update.id, { status: e.target.value as PlaybookStatus })
            }
          >
            {PLAYBOOK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="mini-field wide">
          <span>Answers</span>
          <select
            aria-label="Cause it answers"
            data-testid="playbook-answers"
            value={refValue(update.answers)}
            onChange={(e) =>
              updatePlaybookUpdate(doc, update.id, { answers: parseRefValue(e.target.value) })
            }
          >
            <option value="">— no cause linked —</option>
            <CauseOptionGroups whyOptions={props.whyOptions} causeOptions={props.causeOptions} />
          </select>
        </label>
      </div>
    </li>
  );
});

/** Proposed changes to named playbooks, each tied to the cause it answers. */
export const PlaybookUpdatesPanel = memo(function PlaybookUpdatesPanel() {
  const { doc } = useBoard();
  const updates = usePlaybookUpdates();
  const whys = useWhys();
  const fishbone = useFishbone();
  const options = useMemo(() => causeOptions(whys, fishbone), [whys, fishbone]);
  const [name, setName] = useState('');
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    addPlaybookUpdate(doc, { playbook: name.trim() || 'Incident response playbook' });
    setName('');
  };
  return (
    <section className="panel" data-testid="playbook-updates" aria-labelledby="playbooks-h">
      <div className="panel-head">
        <h2 id="playbooks-h">
          Playbook updates <span className="count">{count(updates.length)}</span>
        </h2>
      </div>
      <form className="inline-form" onSubmit={onAdd}>
        <input
          aria-label="Playbook name"
          data-testid="new-playbook-name"
          placeholder="Which playbook? e.g. Phishing response"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="add-playbook-update">
          Add
        </button>
      </form>
      {updates.length === 0 ? (
        <p className="empty">No playbook updates yet.</p>
      ) : (
        <ul className="action-list">
          {updates.map((u) => (
            <PlaybookRow
              key={u.id}
              update={u}
              whyOptions={options.whys}
              causeOptions={options.causes}
            />
          ))}
        </ul>
      )}
    </section>
  );
});
