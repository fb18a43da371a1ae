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
  const toX = (x: number) => x - o.x;
  const toY = (y: number) => y - o.y;
  const tail = toX(data.tailX);
  return (
    <svg className="cw-skeleton" width={width} height={height} aria-hidden="true">
      {data.bones.map((b) => (
        <line
          key={b.categoryId}
          x1={toX(b.from.x)}
          y1={toY(b.from.y)}
          x2={toX(b.to.x)}
          y2={toY(b.to.y)}
          stroke={b.color}
          strokeWidth={3.5}
          strokeLinecap="round"
        />
      ))}
      <line
        x1={tail}
        y1={toY(0)}
        x2={toX(data.headX)}
        y2={toY(0)}
        stroke="#1e293b"
        strokeWidth={6}
        strokeLinecap="round"
      />
      <path
        d={`M ${tail} ${toY(0)} L ${tail - 34} ${toY(-26)} L ${tail - 24} ${toY(0)} L ${tail - 34} ${toY(26)} Z`}
        fill="#1e293b"
      />
    </svg>
  );
});
