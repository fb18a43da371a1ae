/**
 * The Ishikawa (fishbone) diagram. Layout is derived from the doc and measured sizes; the only
 * per-cause state that is shared is the drag offset, written once when a drag (or an arrow-key
 * move) ends — never per frame.
 */
import '@xyflow/react/dist/style.css';
import '../diagrams.css';
import { addCategory, readFishbone, readMeta, updateCause } from '@causeway/core';
import {
  applyNodeChanges,
  type Node,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useStore,
} from '@xyflow/react';
import { type CSSProperties, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useBoard } from '../../board/BoardContext.tsx';
import { useReadOnly } from '../../hooks/useReadOnly.ts';
import { DiagramChrome } from '../shared/DiagramChrome.tsx';
import { createFocusRequests, FocusRequestsContext } from '../shared/focusRequests.ts';
import { measuredSizes, reconcileNodes, sizesKey } from '../shared/reconcile.ts';
import { useArea } from '../shared/useArea.ts';
import { useAutoFit } from '../shared/useAutoFit.ts';
import { useCursorBroadcast } from '../shared/useCursorBroadcast.ts';
import { usePublishSelection } from '../shared/usePublishSelection.ts';
import { buildFishboneNodes, offsetFor } from './buildFishbone.ts';
import { CategoryNode } from './CategoryNode.tsx';
import { CauseNode } from './CauseNode.tsx';
import { HeadNode } from './HeadNode.tsx';
import type { FishboneLayout } from './layoutFishbone.ts';
import { SkeletonNode } from './SkeletonNode.tsx';

// Module scope: a new object per render makes React Flow remount every node (error #002).
const nodeTypes = {
  skeleton: SkeletonNode,
  head: HeadNode,
  category: CategoryNode,
  cause: CauseNode,
};

export function FishboneDiagram() {
  const [focus] = useState(createFocusRequests);
  return (
    <ReactFlowProvider>
      <FocusRequestsContext.Provider value={focus}>
        <FishboneFlow />
      </FocusRequestsContext.Provider>
    </ReactFlowProvider>
  );
}

/**
 * Node buttons are scaled by 1/zoom (never below 1, at most 2.5) so they read at screen size when
 * the whole fish is fitted small; they only show on hover, focus or selection, so they don't crowd it.
 */
const selectToolScale = (s: { transform: [number, number, number] }) =>
  Math.round(Math.min(2.5, Math.max(1, 1 / s.transform[2])) * 20) / 20;

/** No edges: bones are drawn by the skeleton node; a fresh [] per render would churn the store. */
const NO_EDGES: never[] = [];
/** A cause label is also its drag handle: once it moves, it is a drag, not an edit. */
const releaseLabel = (e: { target: EventTarget | null }) => {
  const el = document.activeElement;
  const node = e.target instanceof Element ? e.target.closest('.react-flow__node') : null;
  if (el instanceof HTMLTextAreaElement && node?.contains(el)) el.blur();
};

const keepLocal = (c: NodeChange) =>
  c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace';

function FishboneFlow() {
  const { doc, awareness } = useBoard();
  const readOnly = useReadOnly();
  const focus = useContext(FocusRequestsContext);
  const meta = useArea(doc, 'meta', readMeta);
  const fishbone = useArea(doc, 'fishbone', readFishbone);
  const [nodes, setNodes] = useState<Node[]>([]);
  const layout = useRef<FishboneLayout | null>(null);
  const sizes = sizesKey(nodes);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `sizes` stands for the measured sizes read inside
  useEffect(() => {
    setNodes((prev) => {
      const built = buildFishboneNodes({ problem: meta.problem, fishbone }, measuredSizes(prev));
      layout.current = built.layout;
      return reconcileNodes(prev, built.nodes);
    });
  }, [meta.problem, fishbone, sizes]);

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      // A position change with dragging=false is a finished drag or an arrow-key step: commit it.
      // Frames during a drag (dragging=true) stay local.
      const l = layout.current;
      for (const c of changes) {
        if (c.type !== 'position' || c.dragging !== false || !c.position || !l) continue;
        const off = offsetFor(l, c.id, c.position);
        if (off && fishbone.causes.some((x) => x.id === c.id)) updateCause(doc, c.id, off);
      }
      setNodes((nds) => applyNodeChanges(changes.filter(keepLocal), nds));
    },
    [doc, fishbone],
  );

  usePublishSelection(
    awareness,
    'fishbone',
    nodes.filter((n) => n.selected).map((n) => n.id),
  );
  const fit = useAutoFit(nodes);
  const cursor = useCursorBroadcast(awareness, 'fishbone');
  const toolScale = useStore(selectToolScale);

  return (
    <div
      className="cw-diagram"
      data-testid="fishbone-diagram"
      style={{ '--cw-tool-scale': toolScale } as CSSProperties}
    >
      <div className="cw-legend">
        <strong>Fishbone</strong> Add causes on each bone · drag to arrange · link evidence
        <span className="cw-legend-keys">
          Tab to a node's buttons · Enter saves · Esc cancels · arrows move a selected cause
        </span>
        <button
          type="button"
          className="cw-btn cw-btn-primary"
          data-testid="add-category"
          disabled={readOnly}
          onClick={() => focus.request(addCategory(doc, ''))}
        >
          + Add category
        </button>
      </div>
      <div
        className="cw-flow"
        onPointerMove={cursor.onPointerMove}
        onPointerLeave={cursor.onPointerLeave}
      >
        <ReactFlow
          nodes={nodes}
          edges={NO_EDGES}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onNodeDragStart={releaseLabel}
          nodesDraggable={!readOnly}
          nodesConnectable={false}
          deleteKeyCode={null}
          zoomOnDoubleClick={false}
          onMoveStart={fit.onMoveStart}
          onMoveEnd={fit.onMoveEnd}
          minZoom={0.15}
          maxZoom={2}
        >
          <DiagramChrome fit={fit} awareness={awareness} surface="fishbone" />
        </ReactFlow>
      </div>
    </div>
  );
}
