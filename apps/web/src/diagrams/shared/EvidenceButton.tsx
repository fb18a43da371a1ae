/**
 * "Evidence (n)": links timeline events to a why or a cause. The list opens in a portal on the
 * page, placed inside the browser window, so neither neighbouring nodes nor the diagram pane's
 * edge can cut it off, and it reads at screen scale whatever the zoom.
 */
import { type EvidenceOwner, setEvidence } from '@causeway/core';
import {
  type CSSProperties,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { useBoard } from '../../board/BoardContext.tsx';
import { useTimeline } from '../../hooks/useTimeline.ts';
import { shorten, whenOf } from './eventLabel.ts';
import { placePopover } from './placePopover.ts';

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
      {open &&
        createPortal(
          <EvidenceList
            owner={owner}
            linked={linked}
            anchor={button}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />,
          document.body,
        )}
    </>
  );
}

function EvidenceList({
  owner,
  linked,
  anchor,
  onClose,
}: {
  owner: EvidenceOwner;
  linked: readonly string[];
  anchor: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
}) {
  const { doc } = useBoard();
  const timeline = useTimeline();
  const box = useRef<HTMLDivElement | null>(null);
  const [place, setPlace] = useState<CSSProperties>({ visibility: 'hidden' });
  const set = new Set(linked);

  useLayoutEffect(() => {
    const reposition = () => {
      const at = anchor.current?.getBoundingClientRect();
      if (at) setPlace(placePopover(at, { width: window.innerWidth, height: window.innerHeight }));
    };
    reposition();
    window.addEventListener('resize', reposition);
    return () => window.removeEventListener('resize', reposition);
  }, [anchor]);

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
      className="cw-evidence nokey nodrag nowheel"
      data-testid="evidence-picker"
      style={place}
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
            <label title={`${e.time} — ${e.description}`}>
              <input
                type="checkbox"
                data-testid="evidence-option"
                data-event-id={e.id}
                checked={set.has(e.id)}
                onChange={(ev) => setEvidence(doc, owner, e.id, ev.target.checked)}
              />
              <span className="cw-evidence-time">{whenOf(e.time)}</span>
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
