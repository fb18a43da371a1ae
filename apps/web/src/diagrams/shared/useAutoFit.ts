/**
 * Keeps the whole diagram in view until the person takes over the viewport (see fitDecision.ts).
 * React Flow's `fitView` prop fits only the first, unmeasured placement; this waits for measured
 * sizes, follows the pane's size through React Flow's own ResizeObserver, and re-arms when the
 * person presses the fit-view control.
 */
import { type Node, useReactFlow, useStore, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { type FitState, fitReason, onScreen, viewportMoved } from './fitDecision.ts';

const FIT = { padding: 0.04, maxZoom: 1 } as const;

export interface AutoFitHandlers {
  /** For ReactFlow's onMoveStart: a gesture with an input event is the person's. */
  readonly onMoveStart: (event: MouseEvent | TouchEvent | null, viewport: Viewport) => void;
  /** For ReactFlow's onMoveEnd: the person took over only if their gesture moved the view. */
  readonly onMoveEnd: (event: MouseEvent | TouchEvent | null, viewport: Viewport) => void;
  /** For Controls' zoom buttons, which move the viewport without an input event. */
  readonly onUserZoom: () => void;
  /** For Controls' fit button (replaces its default): fits, and follows the content again. */
  readonly onFitView: () => void;
}

/** Fits the diagram's nodes into the pane when fitDecision says so; wire the handlers to React Flow. */
export function useAutoFit(nodes: readonly Node[]): AutoFitHandlers {
  const { fitView, getNodesBounds, getViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const state = useRef<FitState>({ fittedPane: null, userMoved: false });
  const gestureFrom = useRef<Viewport | null>(null);
  const ready =
    nodes.length > 0 &&
    nodes.every((n) => n.measured?.width !== undefined) &&
    !nodes.some((n) => n.dragging);

  useEffect(() => {
    if (!ready) return;
    // Two frames: the layout pass triggered by new sizes lands first. A newer change cancels
    // this and schedules again, so the decision uses the settled layout.
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => {
        const pane = { width, height };
        const content = onScreen(getNodesBounds([...nodes]), getViewport());
        const reason = fitReason(state.current, pane, content);
        if (reason === null) return;
        state.current = { fittedPane: pane, userMoved: false };
        // New content eases into view; a first fit or a resize snaps, as the pane itself did.
        void fitView(reason === 'overflow' ? { ...FIT, duration: 250 } : FIT);
      });
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [ready, nodes, width, height, fitView, getNodesBounds, getViewport]);

  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
    gestureFrom.current = event ? viewport : null;
  }, []);
  const onMoveEnd = useCallback((_: MouseEvent | TouchEvent | null, viewport: Viewport) => {
    const from = gestureFrom.current;
    gestureFrom.current = null;
    if (from && viewportMoved(from, viewport))
      state.current = { ...state.current, userMoved: true };
  }, []);
  const onUserZoom = useCallback(() => {
    state.current = { ...state.current, userMoved: true };
  }, []);
  const onFitView = useCallback(() => {
    state.current = { fittedPane: { width, height }, userMoved: false };
    void fitView({ ...FIT, duration: 200 });
  }, [width, height, fitView]);
  return { onMoveStart, onMoveEnd, onUserZoom, onFitView };
}
