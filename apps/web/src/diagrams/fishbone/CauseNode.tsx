/**
 * A cause on a bone: its text sits on a horizontal rib that runs into the bone; a sub-cause
 * hangs off its cause's rib. The connecting lines are drawn here, from live positions, so they
 * follow the node while it is dragged without touching the doc.
 */
import { addCause, deleteCause, updateCause } from '@causeway/core';
import { type Node, type NodeProps, useInternalNode } from '@xyflow/react';
import { memo, useContext, useRef } from 'react';
import { useBoard } from '../../board/BoardContext.tsx';
import { ReadOnlyScope } from '../../ui/ReadOnlyScope.tsx';
import { ConfirmDelete } from '../shared/ConfirmDelete.tsx';
import { EvidenceButton } from '../shared/EvidenceButton.tsx';
import { FocusRequestsContext, useFocusRequest } from '../shared/focusRequests.ts';
import { InlineText } from '../shared/InlineText.tsx';
import { PeerMarks } from '../shared/PeerMarks.tsx';
import { announceEditing, useNodePeers } from '../shared/presence.ts';
import type { CauseData } from './buildFishbone.ts';

type Props = NodeProps<Node<CauseData, 'cause'>>;

export const CauseNode = memo(function CauseNode({
  id,
  data,
  parentId,
  positionAbsoluteX,
  positionAbsoluteY,
}: Props) {
  const { doc, awareness } = useBoard();
  const focus = useContext(FocusRequestsContext);
  const peers = useNodePeers(awareness, 'fishbone', 'cause', id);
  const editor = useRef<HTMLTextAreaElement | null>(null);
  useFocusRequest(id, editor);
  const self = useInternalNode(id);
  const w = self?.measured.width ?? 0;
  const h = self?.measured.height ?? 0;
  const what =
    data.subCount > 0
      ? `this cause and its ${data.subCount} sub-cause${data.subCount === 1 ? '' : 's'}`
      : 'this cause';
  return (
    <ReadOnlyScope>
      <div
        className={`cw-cause ${data.isSub ? 'cw-cause-sub' : ''}`}
        data-testid="fishbone-cause"
        data-cause-id={id}
        style={{ ['--cat' as string]: data.color }}
      >
        {w > 0 &&
          (data.rib ? (
            <Line
              from={{ x: w, y: h }}
              to={{ x: data.rib.x - positionAbsoluteX, y: data.rib.y - positionAbsoluteY }}
              color={data.color}
              width={2.5}
            />
          ) : (
            parentId !== undefined && (
              <SubBone
                parentId={parentId}
                absX={positionAbsoluteX}
                absY={positionAbsoluteY}
                w={w}
                h={h}
                color={data.color}
              />
            )
          ))}
        <PeerMarks peers={peers} />
        <div className="cw-tools cw-cause-tools nokey">
          {!data.isSub && (
            <button
              type="button"
              className="cw-btn nodrag"
              data-testid="add-subcause"
              title="Add a sub-cause"
              aria-label="Add a sub-cause"
              onClick={() => focus.request(addCause(doc, data.categoryId, id, ''))}
            >
              + sub
            </button>
          )}
          <EvidenceButton owner={{ kind: 'cause', id }} linked={data.evidence} compact />
          <ConfirmDelete
            what={what}
            testId="delete-cause"
            label="✕"
            onConfirm={() => deleteCause(doc, id)}
          />
        </div>
        <InlineText
          value={data.text}
          inputRef={editor}
          testId="cause-text"
          ariaLabel={data.isSub ? 'Sub-cause' : 'Cause'}
          placeholder={data.isSub ? 'Sub-cause…' : 'Cause…'}
          className="cw-cause-text"
          dragWhenIdle
          onCommit={(text) => updateCause(doc, id, { text })}
          onFocusChange={(f) =>
            announceEditing(awareness, f ? { kind: 'cause', id, field: 'text' } : null)
          }
        />
      </div>
    </ReadOnlyScope>
  );
});

/** The short slanted line from the parent cause's rib to this sub-cause's rib. */
function SubBone({
  parentId,
  absX,
  absY,
  w,
  h,
  color,
}: {
  parentId: string;
  absX: number;
  absY: number;
  w: number;
  h: number;
  color: string;
}) {
  const parent = useInternalNode(parentId);
  if (!parent) return null;
  const p = parent.internals.positionAbsolute;
  const pw = parent.measured.width ?? 0;
  const ph = parent.measured.height ?? 0;
  return (
    <Line
      from={{ x: w, y: h }}
      to={{ x: p.x + pw - 8 - absX, y: p.y + ph - absY }}
      color={color}
      width={1.6}
    />
  );
}

function Line({
  from,
  to,
  color,
  width,
}: {
  from: { x: number; y: number };
  to: { x: number; y: number };
  color: string;
  width: number;
}) {
  return (
    <svg className="cw-rib" width="1" height="1" aria-hidden="true">
      <line
        x1={from.x}
        y1={from.y}
        x2={to.x}
        y2={to.y}
        stroke={color}
        strokeWidth={width}
        strokeLinecap="round"
      />
    </svg>
  );
}
