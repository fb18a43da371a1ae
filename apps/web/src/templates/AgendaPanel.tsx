import { templateById } from '@causeway/core';
import { memo } from 'react';
import { useMeta } from '../hooks/useMeta.ts';

/** The review's 90-minute agenda (with clock times from the start) and the starter questions. */
export const AgendaPanel = memo(function AgendaPanel() {
  const meta = useMeta();
  const t = templateById(meta.template);
  let at = 0;
  return (
    <details className="panel agenda-panel" data-testid="agenda">
      <summary>
        <h2>Agenda &amp; questions</h2>
        <span className="muted">
          {t.id ? t.name : 'Standard review'} · {t.agenda.reduce((s, a) => s + a.minutes, 0)} min
        </span>
      </summary>
      <ol className="agenda">
        {t.agenda.map((a) => {
          const start = at;
          at += a.minutes;
          return (
            <li key={a.title}>
              <span className="agenda-clock mono">+{start}′</span>
              <span className="agenda-title">{a.title}</span>
              <span className="muted">{a.minutes} min</span>
            </li>
          );
        })}
      </ol>
      <h3>Questions to answer</h3>
      <ul className="questions">
        {t.questions.map((q) => (
          <li key={q}>{q}</li>
        ))}
      </ul>
    </details>
  );
});
