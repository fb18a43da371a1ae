/** Other peers' pointers on this diagram: a coloured arrow and their name, drawn in flow space. */
import { useViewport, ViewportPortal } from '@xyflow/react';
import type { Awareness } from 'y-protocols/awareness';
import { type DiagramSurface, useRemoteCursors } from './presence.ts';

export function RemoteCursors({
  awareness,
  surface,
}: {
  awareness: Awareness;
  surface: DiagramSurface;
}) {
  const cursors = useRemoteCursors(awareness, surface);
  const { zoom } = useViewport();
  return (
    <ViewportPortal>
      {cursors.map((c) => (
        <div
          key={c.clientId}
          className="cw-cursor"
          data-testid="remote-cursor"
          // Counter-scale so the arrow and name stay readable at any zoom.
          style={{ transform: `translate(${c.x}px, ${c.y}px) scale(${1 / zoom})` }}
          aria-hidden="true"
        >
          <svg width="18" height="22" viewBox="0 0 18 22" aria-hidden="true">
            <path
              d="M1 1 L1 18 L6 13.5 L9.5 21 L12.5 19.6 L9 12.3 L16 12 Z"
              fill={c.color}
              stroke="#fff"
              strokeWidth="1.4"
            />
          </svg>
          <span className="cw-cursor-name" style={{ background: c.color }}>
            {c.name}
          </span>
        </div>
      ))}
    </ViewportPortal>
  );
}
