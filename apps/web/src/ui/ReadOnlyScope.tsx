import type { ReactNode } from 'react';
import { useReadOnly } from '../hooks/useReadOnly.ts';

/**
 * Disables every form control inside for viewers (a disabled fieldset) without a box of its own
 * (display: contents), so it wraps editing controls only and leaves navigation usable.
 */
export function ReadOnlyScope({ children }: { children: ReactNode }) {
  const readOnly = useReadOnly();
  return (
    <fieldset className="readonly-scope" disabled={readOnly} data-readonly={readOnly}>
      {children}
    </fieldset>
  );
}
