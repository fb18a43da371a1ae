/**
 * The 5 Whys tree: the problem at the top, each why under the node it answers, laid out by dagre
 * from measured sizes. Everything shared comes from the doc; selection, cursors and "editing"
 * go over awareness only.
 */
import '@xyflow/react/dist/style.css';
import '../diagrams.css';
import { readMeta, readWhys } from '@causeway/core';
import {
  applyNodeChanges,
  type Node,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useBoard } from '../../board/BoardContext.tsx';
import { useTimeline } from '../../hooks/useTimeline.ts';
import { DiagramChrome } from '../shared/DiagramChrome.tsx';
import { createFocusRequests, FocusRequestsContext } from '../shared/focusRequests.ts';
import { measuredSizes, reconcileNodes, sizesKey } from '../shared/reconcile.ts';
import { useArea } from '../shared/useArea.ts';
import { useAutoFit } from '../shared/useAutoFit.ts';
import { useCursorBroadcast } from '../shared/useCursorBroadcast.ts';
import { usePublishSelection } from '../shared/usePublishSelection.ts';
import { buildWhyEdges, buildWhyNodes } from './buildWhys.ts';
import { ProblemNode } from './ProblemNode.tsx';
import { WhyNodeView } from './WhyNodeView.tsx';

// Module scope: a new object per render makes React Flow remount every node (error #002).
const nodeTypes = { problem: ProblemNode, why: WhyNodeView };

export function WhysDiagram() {
  const [focus] = useState(createFocusRequests);
  return (
    <ReactFlowProvider>
      <FocusRequestsContext.Provider value={focus}>
        <WhysFlow />
      </FocusRequestsContext.Provider>
    </ReactFlowProvider>
  );
}

/** Only drop React Flow's own add/remove: the doc decides which nodes exist. */
const keepLocal = (c: NodeChange) =>
  c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace';

function WhysFlow() {
  const { doc, awareness } = useBoard();
  const meta = useArea(doc, 'meta', readMeta);
  const whys = useArea(doc, 'whys', readWhys);
  const timeline = useTimeline();
  const [nodes, setNodes] = useState<Node[]>([]);
  const sizes = sizesKey(nodes);

  // Re-derive when the doc or a measured size changes; unchanged nodes keep their objects.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `sizes` stands for the measured sizes read inside
  useEffect(() => {
    setNodes((prev) =>
      reconcileNodes(
        prev,
        buildWhyNodes({ problem: meta.problem, whys, timeline }, measuredSizes(prev)),
      ),
    );
  }, [meta.problem, whys, timeline, sizes]);

  const edges = useMemo(() => buildWhyEdges(whys), [whys]);
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => setNodes((nds) => applyNodeChanges(changes.filter(keepLocal), nds)),
    [],
  );

  usePublishSelection(
    awareness,
    'whys',
    nodes.filter((n) => n.selected).map((n) => n.id),
  );
  const fit = useAutoFit(nodes);
  const cursor = useCursorBroadcast(awareness, 'whys');

  return (
    <div className="cw-diagram" data-testid="whys-diagram">
      <div className="cw-legend">
        <strong>5 Whys</strong> Add a why under any node · mark the root cause · link evidence
        <span className="cw-legend-keys">Tab to a node's buttons · Enter saves · Esc cancels</span>
      </div>
      <div
        className="cw-flow"
        onPointerMove={cursor.onPointerMove}
        onPointerLeave={cursor.onPointerLeave}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          nodesConnectable={false}
          nodesDraggable={false}
          deleteKeyCode={null}
          zoomOnDoubleClick={false}
          onMoveStart={fit.onMoveStart}
          onMoveEnd={fit.onMoveEnd}
          minZoom={0.15}
          maxZoom={2}
        >
          <DiagramChrome fit={fit} awareness={awareness} surface="whys" />
        </ReactFlow>
      </div>
    </div>
  );
}
