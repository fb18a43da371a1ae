/** One answer in the 5 Whys tree: inline text, root-cause toggle, evidence, add and delete. */
import { addWhy, deleteWhy, updateWhy } from '@causeway/core';
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo, useContext, useRef } from 'react';
import { useBoard } from '../../board/BoardContext.tsx';
import { ReadOnlyScope } from '../../ui/ReadOnlyScope.tsx';
import { ConfirmDelete } from '../shared/ConfirmDelete.tsx';
import { EvidenceButton } from '../shared/EvidenceButton.tsx';
import { FocusRequestsContext, useFocusRequest } from '../shared/focusRequests.ts';
import { InlineText } from '../shared/InlineText.tsx';
import { PeerMarks } from '../shared/PeerMarks.tsx';
import { announceEditing, useNodePeers } from '../shared/presence.ts';
import type { WhyData } from './buildWhys.ts';

export const WhyNodeView = memo(function WhyNodeView({
  id,
  data,
}: NodeProps<Node<WhyData, 'why'>>) {
  const { doc, awareness } = useBoard();
  const focus = useContext(FocusRequestsContext);
  const peers = useNodePeers(awareness, 'whys', 'why', id);
  const editor = useRef<HTMLTextAreaElement | null>(null);
  useFocusRequest(id, editor);
  const what = data.cascade > 1 ? `this why and ${data.cascade - 1} below it` : 'this why';
  return (
    <ReadOnlyScope>
      <div
        className={`cw-why ${data.isRootCause ? 'cw-why-rc' : ''}`}
        data-testid="why-node"
        data-why-id={id}
        data-root-cause={data.isRootCause}
      >
        <Handle type="target" position={Position.Top} isConnectable={false} className="cw-handle" />
        <PeerMarks peers={peers} />
        <div className="cw-why-head">
          <span className="cw-why-depth">Why {data.depth}</span>
          {data.isRootCause && <span className="cw-rc-badge">Root cause</span>}
          <div className="cw-why-actions nokey">
            <button
              type="button"
              className="cw-btn cw-btn-primary nodrag"
              data-testid="add-why"
              title="Ask why again"
              onClick={() => focus.request(addWhy(doc, id, ''))}
            >
              + why
            </button>
            <button
              type="button"
              className={`cw-btn nodrag ${data.isRootCause ? 'cw-btn-rc-on' : ''}`}
              data-testid="toggle-root-cause"
              aria-pressed={data.isRootCause}
              title={data.isRootCause ? 'Unmark as root cause' : 'Mark as root cause'}
              onClick={() => updateWhy(doc, id, { isRootCause: !data.isRootCause })}
            >
              {data.isRootCause ? '✓ Root cause' : 'Root cause?'}
            </button>
            <EvidenceButton owner={{ kind: 'why', id }} linked={data.evidence} />
            <ConfirmDelete
              what={what}
              testId="delete-why"
              label="✕"
              onConfirm={() => deleteWhy(doc, id)}
            />
          </div>
        </div>
        <InlineText
          value={data.text}
          inputRef={editor}
          testId="why-text"
          ariaLabel={`Why ${data.depth} answer`}
          placeholder="Because…"
          onCommit={(text) => updateWhy(doc, id, { text })}
          onFocusChange={(f) =>
            announceEditing(awareness, f ? { kind: 'why', id, field: 'text' } : null)
          }
        />
        {data.chips.length > 0 && (
          <ul className="cw-chips" aria-label="Evidence">
            {data.chips.map((c) => (
              <li key={c.id} title={c.label}>
                <span className="cw-chip-time">{c.when}</span> {c.label}
              </li>
            ))}
          </ul>
        )}
        <Handle
          type="source"
          position={Position.Bottom}
          isConnectable={false}
          className="cw-handle"
        />
      </div>
    </ReadOnlyScope>
  );
});
