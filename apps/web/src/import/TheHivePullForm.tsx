/** TheHive 5 server, API key and case: the relay fetches the case timeline with them. */
import { useId } from 'react';
import type { TheHiveForm } from './importApi.ts';

interface Props {
  readonly form: TheHiveForm;
  readonly onChange: (form: TheHiveForm) => void;
  readonly onPreview: () => void;
  readonly busy: boolean;
}

export function TheHivePullForm({ form, onChange, onPreview, busy }: Props) {
  const id = useId();
  const ready = form.baseUrl.trim() !== '' && form.apiKey !== '' && form.caseId.trim() !== '';
  return (
    <form
      className="imp-thehive"
      data-testid="thehive-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) onPreview();
      }}
    >
      <label htmlFor={`${id}-url`}>
        <span>TheHive URL</span>
        <input
          id={`${id}-url`}
          type="url"
          placeholder="https://thehive.example.org"
          value={form.baseUrl}
          onChange={(e) => onChange({ ...form, baseUrl: e.currentTarget.value })}
        />
      </label>
      <label htmlFor={`${id}-key`}>
        <span>API key</span>
        <input
          id={`${id}-key`}
          type="password"
          autoComplete="off"
          value={form.apiKey}
          onChange={(e) => onChange({ ...form, apiKey: e.currentTarget.value })}
        />
      </label>
      <label htmlFor={`${id}-case`}>
        <span>Case id</span>
        <input
          id={`${id}-case`}
          placeholder="~4104"
          value={form.caseId}
          onChange={(e) => onChange({ ...form, caseId: e.currentTarget.value })}
        />
      </label>
      <button type="submit" disabled={!ready || busy}>
        {busy ? 'Fetching…' : 'Fetch timeline'}
      </button>
      <p className="muted imp-hint">
        The key is sent once to TheHive through the Causeway relay, and not stored. Reading a case
        timeline needs TheHive's case.timeline permission.
      </p>
    </form>
  );
}
