import { memo } from 'react';
import type { Editor } from '../hooks/useEditors.ts';

/** "● Alice is editing" markers next to a field someone else holds. */
export const EditorChips = memo(function EditorChips({ editors }: { editors: readonly Editor[] }) {
  if (editors.length === 0) return null;
  return (
    <span className="editor-chips">
      {editors.map((e) => (
        <span key={e.clientId} className="editor-chip" data-testid="field-editor">
          <span className="dot" style={{ background: e.color }} aria-hidden />
          {e.name} is editing
        </span>
      ))}
    </span>
  );
});
