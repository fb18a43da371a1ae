/** Others' selection outline and "editing: name" badge on one node. */
import type { NodePeers } from './presence.ts';

export function PeerMarks({ peers }: { peers: NodePeers }) {
  const first = peers.selecting[0] ?? peers.editing[0];
  return (
    <>
      {first && (
        <div className="cw-peer-outline" style={{ borderColor: first.color }} aria-hidden="true">
          <span className="cw-peer-name" style={{ background: first.color }}>
            {[...new Set([...peers.selecting, ...peers.editing].map((p) => p.name))].join(', ')}
          </span>
        </div>
      )}
      {peers.editing.length > 0 && (
        <div className="cw-editing" role="status" style={{ color: peers.editing[0]?.color }}>
          editing: {peers.editing.map((p) => p.name).join(', ')}
        </div>
      )}
    </>
  );
}
