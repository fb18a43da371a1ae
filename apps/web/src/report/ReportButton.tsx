import { memo } from 'react';
import { reportHtmlUrl } from '../api.ts';
import { authedOpen } from '../auth/authedLinks.ts';
import { useBoard } from '../board/BoardContext.tsx';

/** Opens the print-ready report in a new tab (print it there to get a PDF). */
export const ReportButton = memo(function ReportButton() {
  const { room } = useBoard();
  return (
    <a
      className="button"
      href={reportHtmlUrl(room)}
      target="_blank"
      rel="noopener"
      data-testid="header-report"
      onClick={authedOpen(room, reportHtmlUrl(room))}
      title="Open the report; print it to save a PDF"
    >
      Report
    </a>
  );
});
