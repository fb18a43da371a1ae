/** The fish's head: the problem statement (board meta), shared with the 5 Whys root. */
import { updateMeta } from '@causeway/core';
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useBoard } from '../../board/BoardContext.tsx';
import { ReadOnlyScope } from '../../ui/ReadOnlyScope.tsx';
import { InlineText } from '../shared/InlineText.tsx';
import { PeerMarks } from '../shared/PeerMarks.tsx';
import { announceEditing, useNodePeers } from '../shared/presence.ts';
import { HEAD_ID, type HeadData } from './buildFishbone.ts';

export const HeadNode = memo(function HeadNode({ data }: NodeProps<Node<HeadData, 'head'>>) {
  const { doc, awareness } = useBoard();
  const peers = useNodePeers(awareness, 'fishbone', 'meta', HEAD_ID);
  return (
    <ReadOnlyScope>
      <div className="cw-head" data-testid="fishbone-head">
        <PeerMarks peers={peers} />
        <div className="cw-head-label">Problem</div>
        <InlineText
          value={data.problem}
          testId="problem-text"
          ariaLabel="Problem statement"
          placeholder="State the problem…"
          className="cw-head-text"
          onCommit={(problem) => updateMeta(doc, { problem })}
          onFocusChange={(f) =>
            announceEditing(awareness, f ? { kind: 'meta', id: HEAD_ID, field: 'problem' } : null)
          }
        />
      </div>
    </ReadOnlyScope>
  );
});
