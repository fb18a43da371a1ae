import { type NoteField, spliceNote } from '@causeway/core';
import { memo, useCallback, useId } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { useNotes } from '../hooks/useNotes.ts';
import { CollabTextarea } from '../ui/CollabTextarea.tsx';

const NoteEditor = memo(function NoteEditor(props: {
  readonly field: NoteField;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly rows: number;
}) {
  const { doc } = useBoard();
  const onSplice = useCallback(
    (index: number, del: number, insert: string) =>
      spliceNote(doc, props.field, index, del, insert),
    [doc, props.field],
  );
  const id = useId();
  return (
    <div className="field note-field">
      <label htmlFor={id}>{props.label}</label>
      <CollabTextarea
        id={id}
        value={props.value}
        onSplice={onSplice}
        rows={props.rows}
        placeholder={props.hint}
        testId={`note-${props.field}`}
      />
    </div>
  );
});

/** The executive summary and the meeting minutes, typed together live; both go into the report. */
export const NotesPanel = memo(function NotesPanel() {
  const notes = useNotes();
  return (
    <section className="notes-panel" data-testid="notes" aria-label="Summary and minutes">
      <NoteEditor
        field="executiveSummary"
        label="Executive summary"
        hint="Three or four sentences for leadership: what happened, the impact, what will change."
        value={notes.executiveSummary}
        rows={5}
      />
      <NoteEditor
        field="minutes"
        label="Meeting minutes"
        hint="Everyone can type here at once; each keystroke merges."
        value={notes.minutes}
        rows={16}
      />
    </section>
  );
});
