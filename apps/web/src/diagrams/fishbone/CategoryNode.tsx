/** A category label at the end of its bone: rename inline, add a cause, delete the bone. */
import { addCause, deleteCategory, renameCategory } from '@causeway/core';
import type { Node, NodeProps } from '@xyflow/react';
import { memo, useContext, useRef } from 'react';
import { useBoard } from '../../board/BoardContext.tsx';
import { ReadOnlyScope } from '../../ui/ReadOnlyScope.tsx';
import { ConfirmDelete } from '../shared/ConfirmDelete.tsx';
import { FocusRequestsContext, useFocusRequest } from '../shared/focusRequests.ts';
import { InlineText } from '../shared/InlineText.tsx';
import { PeerMarks } from '../shared/PeerMarks.tsx';
import { announceEditing, useNodePeers } from '../shared/presence.ts';
import type { CategoryData } from './buildFishbone.ts';

export const CategoryNode = memo(function CategoryNode({
  id,
  data,
}: NodeProps<Node<CategoryData, 'category'>>) {
  const { doc, awareness } = useBoard();
  const focus = useContext(FocusRequestsContext);
  const peers = useNodePeers(awareness, 'fishbone', 'category', id);
  const editor = useRef<HTMLTextAreaElement | null>(null);
  useFocusRequest(id, editor);
  const n = data.causeCount;
  return (
    <ReadOnlyScope>
      <div
        className={`cw-category cw-category-${data.side}${n === 0 ? ' cw-category-empty' : ''}`}
        data-testid="fishbone-category"
        data-category-id={id}
        style={{ borderColor: data.color, ['--cat' as string]: data.color }}
      >
        <PeerMarks peers={peers} />
        <InlineText
          value={data.name}
          inputRef={editor}
          singleLine
          testId="category-name"
          ariaLabel="Category name"
          placeholder="Name this category"
          className="cw-category-name"
          onCommit={(name) => renameCategory(doc, id, name)}
          onFocusChange={(f) =>
            announceEditing(awareness, f ? { kind: 'category', id, field: 'name' } : null)
          }
        />
        <div className="cw-tools nokey">
          <button
            type="button"
            className="cw-btn cw-btn-primary nodrag"
            data-testid="add-cause"
            title={`Add a cause under ${data.name || 'this category'}`}
            onClick={() => focus.request(addCause(doc, id, null, ''))}
          >
            + cause
          </button>
          <ConfirmDelete
            what={
              n > 0 ? `“${data.name}” and its ${n} cause${n === 1 ? '' : 's'}` : `“${data.name}”`
            }
            testId="delete-category"
            label="✕"
            onConfirm={() => deleteCategory(doc, id)}
          />
        </div>
      </div>
    </ReadOnlyScope>
  );
});
