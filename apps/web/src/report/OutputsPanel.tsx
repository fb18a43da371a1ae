import { memo, useState } from 'react';
import { actionItemsCsvUrl, reportHtmlUrl, reportMarkdownUrl, timelineCsvUrl } from '../api.ts';
import { authedDownload, authedOpen } from '../auth/authedLinks.ts';
import { useBoard } from '../board/BoardContext.tsx';
import { JiraDialog } from '../jira/JiraDialog.tsx';

/** Where the review goes next: the report (HTML to print, Markdown), CSVs and Jira. */
export const OutputsPanel = memo(function OutputsPanel() {
  const { room } = useBoard();
  const [jira, setJira] = useState(false);
  return (
    <section className="panel" aria-labelledby="outputs-h" data-testid="outputs">
      <div className="panel-head">
        <h2 id="outputs-h">Report &amp; outputs</h2>
      </div>
      <div className="output-buttons">
        <a
          className="button primary"
          href={reportHtmlUrl(room)}
          target="_blank"
          rel="noopener"
          data-testid="open-report"
          onClick={authedOpen(room, reportHtmlUrl(room))}
        >
          Open report (print → PDF)
        </a>
        <a
          className="button"
          href={reportMarkdownUrl(room)}
          download
          data-testid="download-report-md"
          onClick={authedDownload(room, reportMarkdownUrl(room), `causeway-${room}-report.md`)}
        >
          Markdown
        </a>
        <a
          className="button"
          href={timelineCsvUrl(room)}
          download
          data-testid="download-timeline-csv"
          onClick={authedDownload(room, timelineCsvUrl(room), `causeway-${room}-timeline.csv`)}
        >
          Timeline CSV
        </a>
        <a
          className="button"
          href={actionItemsCsvUrl(room)}
          download
          data-testid="download-actions-csv"
          onClick={authedDownload(
            room,
            actionItemsCsvUrl(room),
            `causeway-${room}-action-items.csv`,
          )}
        >
          Action items CSV
        </a>
        <button type="button" onClick={() => setJira(true)} data-testid="open-jira">
          Send to Jira…
        </button>
      </div>
      {jira && <JiraDialog onClose={() => setJira(false)} />}
    </section>
  );
});
