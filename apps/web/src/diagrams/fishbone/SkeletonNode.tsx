/** The fish's bones: spine, tail and slanted category bones, drawn under every other node. */
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { SkeletonData } from './buildFishbone.ts';

export const SkeletonNode = memo(function SkeletonNode({
  data,
  width,
  height,
}: NodeProps<Node<SkeletonData, 'skeleton'>>) {
  const o = data.origin;
  const X = (x: number) => x - o.x;
  const Y = (y: number) => y - o.y;
  const tail = X(data.tailX);
  return (
    <svg className="cw-skeleton" width={width} height={height} aria-hidden="true">
      {data.bones.map((b) => (
        <line
          key={b.categoryId}
          x1={X(b.from.x)}
          y1={Y(b.from.y)}
          x2={X(b.to.x)}
          y2={Y(b.to.y)}
          stroke={b.color}
          strokeWidth={3.5}
          strokeLinecap="round"
        />
      ))}
      <line
        x1={tail}
        y1={Y(0)}
        x2={X(data.headX)}
        y2={Y(0)}
        stroke="#1e293b"
        strokeWidth={6}
        strokeLinecap="round"
      />
      <path
        d={`M ${tail} ${Y(0)} L ${tail - 34} ${Y(-26)} L ${tail - 24} ${Y(0)} L ${tail - 34} ${Y(26)} Z`}
        fill="#1e293b"
      />
    </svg>
  );
});
