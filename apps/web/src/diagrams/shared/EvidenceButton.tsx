/**
 * "Evidence (n)": links timeline events to a why or a cause. The list opens in a NodeToolbar so
 * it floats above neighbouring nodes and stays readable at any zoom.
 */
import { type EvidenceOwner, readTimeline, setEvidence } from '@causeway/core';
import { NodeToolbar, Position } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useBoard } from '../../board/BoardContext.tsx';
import { clockOf, shorten } from './eventLabel.ts';
import { useArea } from './useArea.ts';

interface Props {
  readonly owner: EvidenceOwner;
  readonly linked: readonly string[];
  readonly compact?: boolean;
}

export function EvidenceButton({ owner, linked, compact }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement | null>(null);
  const count = linked.length;
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`cw-btn nodrag ${count > 0 ? 'cw-btn-evidence-on' : ''}`}
        data-testid="evidence-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={`Evidence (${count})`}
        title="Link timeline events as evidence"
        onClick={() => setOpen((o) => !o)}
      >
        {compact ? `evidence ${count}` : `Evidence (${count})`}
      </button>
      <NodeToolbar isVisible={open} position={Position.Bottom} offset={8} className="nokey">
        {open && (
          <EvidenceList
            owner={owner}
            linked={linked}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        )}
      </NodeToolbar>
    </>
  );
}

function EvidenceList({
  owner,
  linked,
  onClose,
}: {
  owner: EvidenceOwner;
  linked: readonly string[];
  onClose: () => void;
}) {
  const { doc } = useBoard();
  const timeline = useArea(doc, 'timeline', readTimeline);
  const box = useRef<HTMLDivElement | null>(null);
  const set = new Set(linked);

  useEffect(() => {
    box.current?.querySelector<HTMLElement>('input, button')?.focus();
    const outside = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onClose();
    };
    // Deferred so the click that opened the list does not close it.
    const t = setTimeout(() => document.addEventListener('pointerdown', outside), 0);
    return () => {
      clearTimeout(t);
      document.removeEventListener('pointerdown', outside);
    };
  }, [onClose]);

  return (
    <div
      ref={box}
      className="cw-evidence nodrag nowheel"
      role="dialog"
      aria-label="Evidence from the timeline"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="cw-evidence-head">Link timeline events as evidence</div>
      {timeline.length === 0 && (
        <div className="cw-evidence-empty">
          No timeline events yet — add them on the timeline first.
        </div>
      )}
      <ul>
        {timeline.map((e) => (
          <li key={e.id}>
            <label title={`${e.time} ${e.description}`}>
              <input
                type="checkbox"
                data-testid="evidence-option"
                data-event-id={e.id}
                checked={set.has(e.id)}
                onChange={(ev) => setEvidence(doc, owner, e.id, ev.target.checked)}
              />
              <span className="cw-evidence-time">{clockOf(e.time)}</span>
              <span>{shorten(e.description, 70)}</span>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" className="cw-btn" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
