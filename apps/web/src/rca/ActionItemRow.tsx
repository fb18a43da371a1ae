import {
  ACTION_STATUSES,
  type ActionItem,
  type ActionStatus,
  deleteActionItem,
  PRIORITIES,
  type Priority,
  updateActionItem,
} from '@causeway/core';
import { memo, useCallback, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { useEditing } from '../hooks/useEditing.ts';
import type { Editor } from '../hooks/useEditors.ts';
import { JiraKey } from '../jira/JiraKey.tsx';
import { CommitField } from '../ui/CommitField.tsx';
import { DeleteButton } from '../ui/DeleteButton.tsx';
import { EditorChips } from '../ui/EditorChips.tsx';
import { CauseOptionGroups } from './CauseOptionGroups.tsx';
import { type CauseOption, parseRefValue, refValue } from './causeOptions.ts';

const STATUS_LABEL: Record<ActionStatus, string> = {
  open: 'open',
  'in-progress': 'in progress',
  done: 'done',
  'wont-do': "won't do",
};

export interface ActionItemRowProps {
  readonly item: ActionItem;
  readonly whyOptions: readonly CauseOption[];
  readonly causeOptions: readonly CauseOption[];
  readonly editors: readonly Editor[];
}

/** One action item; each field is its own write so concurrent edits to other fields merge. */
export const ActionItemRow = memo(function ActionItemRow({
  item,
  whyOptions,
  causeOptions,
  editors,
}: ActionItemRowProps) {
  const { doc } = useBoard();
  const [confirming, setConfirming] = useState(false);
  const titlePresence = useEditing('action', item.id, 'title');
  const ownerPresence = useEditing('action', item.id, 'owner');
  const onTitle = useCallback(
    (next: string) => {
      if (!next.trim()) return 'An action needs a title.';
      updateActionItem(doc, item.id, { title: next.trim() });
      return null;
    },
    [doc, item.id],
  );
  const onOwner = useCallback(
    (next: string) => {
      updateActionItem(doc, item.id, { owner: next.trim() });
      return null;
    },
    [doc, item.id],
  );
  const addressed = refValue(item.addresses);
  const known =
    addressed === '' ||
    whyOptions.some((o) => o.value === addressed) ||
    causeOptions.some((o) => o.value === addressed);

  return (
    <li
      className={`action-item status-${item.status}`}
      data-testid="action-item"
      data-action-id={item.id}
    >
      <div className="action-top">
        <CommitField
          multiline
          enterCommits
          value={item.title}
          onCommit={onTitle}
          label="Action title"
          className="action-title"
          testId="action-title"
          onFocus={titlePresence.onFocus}
          onBlur={titlePresence.onBlur}
        />
        <DeleteButton
          what="action item"
          confirming={confirming}
          onConfirmingChange={setConfirming}
          onDelete={() => deleteActionItem(doc, item.id)}
          testId="delete-action-item"
          confirmTestId="confirm-delete-action"
        />
      </div>
      {item.jiraKey !== '' && <JiraKey issueKey={item.jiraKey} />}
      <div className="action-grid">
        {/* A div, not a label: CommitField carries its own aria-label. */}
        <div className="mini-field">
          <span aria-hidden>Owner</span>
          <CommitField
            value={item.owner}
            onCommit={onOwner}
            label="Owner"
            placeholder="unassigned"
            testId="action-owner"
            onFocus={ownerPresence.onFocus}
            onBlur={ownerPresence.onBlur}
          />
        </div>
        <label className="mini-field">
          <span>Due</span>
          <input
            type="date"
            aria-label="Due date"
            data-testid="action-due"
            value={item.dueDate}
            onChange={(e) => updateActionItem(doc, item.id, { dueDate: e.target.value })}
          />
        </label>
        <label className="mini-field">
          <span>Priority</span>
          <select
            aria-label="Priority"
            data-testid="action-priority"
            className={`fits-content priority priority-${item.priority}`}
            value={item.priority}
            onChange={(e) =>
              updateActionItem(doc, item.id, { priority: e.target.value as Priority })
            }
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="mini-field">
          <span>Status</span>
          <select
            aria-label="Status"
            data-testid="action-status"
            className="fits-content"
            value={item.status}
            onChange={(e) =>
              updateActionItem(doc, item.id, { status: e.target.value as ActionStatus })
            }
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="mini-field wide">
          <span>Addresses</span>
          <select
            aria-label="Addresses"
            data-testid="action-addresses"
            value={addressed}
            onChange={(e) =>
              updateActionItem(doc, item.id, { addresses: parseRefValue(e.target.value) })
            }
          >
            <option value="">— no cause linked —</option>
            {!known && <option value={addressed}>(a deleted cause)</option>}
            <CauseOptionGroups whyOptions={whyOptions} causeOptions={causeOptions} />
          </select>
        </label>
      </div>
      <EditorChips editors={editors} />
    </li>
  );
});
