import { addActionItem } from '@causeway/core';
import { type FormEvent, memo, useMemo, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { useActionItems } from '../hooks/useActionItems.ts';
import { type Editor, useEditors } from '../hooks/useEditors.ts';
import { useFishbone } from '../hooks/useFishbone.ts';
import { useWhys } from '../hooks/useWhys.ts';
import { count } from '../ui/count.ts';
import { ActionItemRow } from './ActionItemRow.tsx';
import { causeOptions } from './causeOptions.ts';

const NO_EDITORS: readonly Editor[] = [];

/** Action items with owner, due date, priority, status and the cause each one addresses. */
export const ActionItemsPanel = memo(function ActionItemsPanel() {
  const { doc } = useBoard();
  const items = useActionItems();
  const whys = useWhys();
  const fishbone = useFishbone();
  const editors = useEditors();
  const options = useMemo(() => causeOptions(whys, fishbone), [whys, fishbone]);
  const byItem = useMemo(() => {
    const m = new Map<string, Editor[]>();
    for (const e of editors) {
      if (e.target.kind !== 'action') continue;
      m.set(e.target.id, [...(m.get(e.target.id) ?? []), e]);
    }
    return m;
  }, [editors]);
  const [title, setTitle] = useState('');

  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    // An empty title still adds a card to fill in: quicker than a required field mid-discussion.
    addActionItem(doc, { title: title.trim() || 'New action item' });
    setTitle('');
  };

  const open = items.filter((i) => i.status === 'open' || i.status === 'in-progress').length;

  return (
    <section className="panel" data-testid="action-items" aria-labelledby="actions-h">
      <div className="panel-head">
        <h2 id="actions-h">
          Action items <span className="count">{count(open)} open</span>
        </h2>
      </div>
      <form className="inline-form" onSubmit={onAdd}>
        <input
          aria-label="New action item title"
          data-testid="new-action-title"
          placeholder="What will prevent a repeat?"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="add-action-item">
          Add
        </button>
      </form>
      {items.length === 0 ? (
        <p className="empty">No action items yet.</p>
      ) : (
        <ul className="action-list">
          {items.map((item) => (
            <ActionItemRow
              key={item.id}
              item={item}
              whyOptions={options.whys}
              causeOptions={options.causes}
              editors={byItem.get(item.id) ?? NO_EDITORS}
            />
          ))}
        </ul>
      )}
    </section>
  );
});
