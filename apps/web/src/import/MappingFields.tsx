/** Which column is which, for files Causeway does not know: time and description are required. */
import type { ColumnMapping } from '@causeway/core';
import { useId } from 'react';

const FIELDS = [
  { key: 'time', label: 'Time', required: true },
  { key: 'description', label: 'Description', required: true },
  { key: 'phase', label: 'Phase', required: false },
  { key: 'source', label: 'Source', required: false },
] as const;

interface Props {
  readonly columns: readonly string[];
  readonly mapping: Partial<ColumnMapping>;
  readonly onChange: (mapping: Partial<ColumnMapping>) => void;
  readonly disabled: boolean;
}

export function MappingFields({ columns, mapping, onChange, disabled }: Props) {
  const id = useId();
  return (
    <fieldset className="imp-mapping" data-testid="import-mapping">
      <legend>Columns</legend>
      {FIELDS.map((f) => (
        <label key={f.key} htmlFor={`${id}-${f.key}`}>
          <span>
            {f.label}
            {f.required && <span aria-hidden="true"> *</span>}
          </span>
          <select
            id={`${id}-${f.key}`}
            value={mapping[f.key] ?? ''}
            disabled={disabled}
            data-testid={`import-map-${f.key}`}
            onChange={(e) => {
              const next: Record<string, string> = { ...mapping };
              if (e.currentTarget.value) next[f.key] = e.currentTarget.value;
              else delete next[f.key];
              onChange(next);
            }}
          >
            <option value="">{f.required ? 'Choose a column…' : 'None'}</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
