/**
 * What both diagrams draw inside their ReactFlow besides nodes: the grid, the zoom controls
 * wired to auto-fit (so a person's zoom stops it and "fit" resumes it), and peers' cursors.
 */
import { Background, Controls } from '@xyflow/react';
import type { Awareness } from 'y-protocols/awareness';
import type { DiagramSurface } from './presence.ts';
import { RemoteCursors } from './RemoteCursors.tsx';
import type { AutoFitHandlers } from './useAutoFit.ts';

export function DiagramChrome(props: {
  readonly fit: AutoFitHandlers;
  readonly awareness: Awareness;
  readonly surface: DiagramSurface;
}) {
  const { fit } = props;
  return (
    <>
      <Background gap={24} color="#d9dde3" />
      <Controls
        position="top-right"
        showInteractive={false}
        onZoomIn={fit.onUserZoom}
        onZoomOut={fit.onUserZoom}
        onFitView={fit.onFitView}
      />
      <RemoteCursors awareness={props.awareness} surface={props.surface} />
    </>
  );
}
