/** Root of the 5 Whys: the problem statement (board meta), editable in place. */
import { addWhy, updateMeta } from '@causeway/core';
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo, useContext } from 'react';
import { useBoard } from '../../board/BoardContext.tsx';
import { ReadOnlyScope } from '../../ui/ReadOnlyScope.tsx';
import { FocusRequestsContext } from '../shared/focusRequests.ts';
import { InlineText } from '../shared/InlineText.tsx';
import { PeerMarks } from '../shared/PeerMarks.tsx';
import { announceEditing, useNodePeers } from '../shared/presence.ts';
import { PROBLEM_ID, type ProblemData } from './buildWhys.ts';

export const ProblemNode = memo(function ProblemNode({
  data,
}: NodeProps<Node<ProblemData, 'problem'>>) {
  const { doc, awareness } = useBoard();
  const focus = useContext(FocusRequestsContext);
  const peers = useNodePeers(awareness, 'whys', 'meta', PROBLEM_ID);
  return (
    <ReadOnlyScope>
      <div className="cw-why cw-problem" data-testid="why-problem">
        <PeerMarks peers={peers} />
        <div className="cw-why-head">
          <span className="cw-why-depth">Problem</span>
          <div className="cw-why-actions nokey">
            <button
              type="button"
              className="cw-btn cw-btn-primary nodrag"
              data-testid="add-why"
              title="Ask why the problem happened"
              onClick={() => focus.request(addWhy(doc, null, ''))}
            >
              + Add why
            </button>
          </div>
        </div>
        <InlineText
          value={data.problem}
          testId="problem-text"
          ariaLabel="Problem statement"
          placeholder="What happened? State the problem…"
          className="cw-problem-text"
          onCommit={(problem) => updateMeta(doc, { problem })}
          onFocusChange={(f) =>
            announceEditing(
              awareness,
              f ? { kind: 'meta', id: PROBLEM_ID, field: 'problem' } : null,
            )
          }
        />
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
