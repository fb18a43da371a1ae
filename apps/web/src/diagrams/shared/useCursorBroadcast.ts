/**
 * Publishes the local pointer, in flow coordinates, at most every 40 ms (Excalidraw uses 33 ms):
 * fast enough to follow, slow enough not to flood the relay. Cleared when the pointer leaves,
 * the window blurs or the diagram unmounts, so no ghost cursor stays behind.
 */
import { useReactFlow } from '@xyflow/react';
import { type PointerEvent, useCallback, useEffect, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { setPresence } from '../../board/presence.ts';
import type { DiagramSurface } from './presence.ts';

const INTERVAL_MS = 40;

export function useCursorBroadcast(awareness: Awareness, surface: DiagramSurface) {
  const { screenToFlowPosition } = useReactFlow();
  const last = useRef(0);
  const pending = useRef<{ x: number; y: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    timer.current = null;
    const p = pending.current;
    if (!p) return;
    pending.current = null;
    last.current = performance.now();
    const pos = screenToFlowPosition(p);
    setPresence(awareness, 'cursor', { surface, x: Math.round(pos.x), y: Math.round(pos.y) });
  }, [awareness, surface, screenToFlowPosition]);

  const clear = useCallback(() => {
    pending.current = null;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const local = awareness.getLocalState() as { cursor?: { surface: string } | null } | null;
    if (local?.cursor?.surface === surface) setPresence(awareness, 'cursor', null);
  }, [awareness, surface]);

  const onPointerMove = useCallback(
    (e: PointerEvent) => {
      pending.current = { x: e.clientX, y: e.clientY };
      if (timer.current) return;
      const wait = Math.max(0, INTERVAL_MS - (performance.now() - last.current));
      timer.current = setTimeout(flush, wait);
    },
    [flush],
  );

  useEffect(() => {
    window.addEventListener('blur', clear);
    return () => {
      window.removeEventListener('blur', clear);
      clear();
    };
  }, [clear]);

  return { onPointerMove, onPointerLeave: clear };
}
