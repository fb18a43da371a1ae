/**
 * Fits the view once, after every node has been measured and laid out with its real size:
 * React Flow's `fitView` prop would fit the first, unmeasured placement instead.
 */
import { type Node, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';

export function useFitOnce(nodes: readonly Node[], sizesKey: string): void {
  const { fitView } = useReactFlow();
  const done = useRef(false);
  const ready = nodes.length > 0 && nodes.every((n) => n.measured?.width !== undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a size change must restart the wait for the settled layout
  useEffect(() => {
    if (done.current || !ready) return;
    // Two frames: the layout pass triggered by these sizes lands first. A newer size change
    // cancels this and schedules again, so the fit uses the settled layout.
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => {
        done.current = true;
        void fitView({ padding: 0.1, maxZoom: 1 });
      });
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [ready, sizesKey, fitView]);
}
