import { updateMeta } from '@causeway/core';
import { type CSSProperties, memo, useCallback, useMemo } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { useEditing } from '../hooks/useEditing.ts';
import { useEditors } from '../hooks/useEditors.ts';
import { useMeta } from '../hooks/useMeta.ts';
import { CommitField } from '../ui/CommitField.tsx';
import { EditorChips } from '../ui/EditorChips.tsx';

/** The agreed root cause: one shared text, written on blur so drafts don't interleave. */
export const RootCausePanel = memo(function RootCausePanel() {
  const { doc } = useBoard();
  const meta = useMeta();
  const presence = useEditing('meta', 'board', 'rootCause');
  const editors = useEditors();
  const here = useMemo(
    () => editors.filter((e) => e.target.kind === 'meta' && e.target.field === 'rootCause'),
    [editors],
  );
  const onCommit = useCallback(
    (next: string) => {
      updateMeta(doc, { rootCause: next.trim() });
      return null;
    },
    [doc],
  );
  return (
    <section
      className="panel"
      aria-labelledby="root-cause-h"
      style={here[0] ? ({ '--held-color': here[0].color } as CSSProperties) : undefined}
    >
      <div className="panel-head">
        <h2 id="root-cause-h">Root cause</h2>
        <EditorChips editors={here} />
      </div>
      {meta.problem && (
        <p className="problem">
          <span className="muted">Problem: </span>
          {meta.problem}
        </p>
      )}
      <CommitField
        multiline
        rows={4}
        value={meta.rootCause}
        onCommit={onCommit}
        label="Root cause"
        placeholder="The systemic cause the team agrees on (saved when you leave the field)."
        className={here.length > 0 ? 'root-cause held' : 'root-cause'}
        testId="root-cause"
        onFocus={presence.onFocus}
        onBlur={presence.onBlur}
      />
    </section>
  );
});
