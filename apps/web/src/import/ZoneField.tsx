/**
 * The zone for times written without an offset: any IANA name or fixed offset typed in, with the
 * common zones offered as suggestions. An unknown zone is explained beside the field, and the
 * preview refuses the file for it (once), so nothing can be imported with it.
 */
import { isValidZone, unknownZoneMessage } from '@causeway/core';
import { useId, useMemo, useState } from 'react';
import { zoneOptions } from './zones.ts';

interface Props {
  readonly value: string;
  /** The zone as typed, trimmed ('' = none). */
  readonly onChange: (zone: string) => void;
  readonly disabled: boolean;
}

export function ZoneField({ value, onChange, disabled }: Props) {
  const [text, setText] = useState(value);
  const listId = useId();
  const errorId = useId();
  const suggestions = useMemo(zoneOptions, []);
  const typed = text.trim();
  const error = typed !== '' && !isValidZone(typed) ? unknownZoneMessage(typed) : null;
  return (
    <label>
      <span>Zone for times without an offset</span>
      <input
        list={listId}
        value={text}
        disabled={disabled}
        placeholder="Not set: times must carry an offset"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid="import-zone"
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          onChange(next.trim());
        }}
      />
      <datalist id={listId}>
        {suggestions.map((z) => (
          <option key={z.value} value={z.value}>
            {z.label}
          </option>
        ))}
      </datalist>
      {error && (
        <span className="imp-field-error" role="alert" id={errorId} data-testid="import-zone-error">
          {error}
        </span>
      )}
    </label>
  );
}
