import type { CauseOption } from './causeOptions.ts';

/** The whys and fishbone causes a record can point at, as a select's option groups. */
export function CauseOptionGroups(props: {
  readonly whyOptions: readonly CauseOption[];
  readonly causeOptions: readonly CauseOption[];
}) {
  const groups = [
    { label: '5 Whys', options: props.whyOptions },
    { label: 'Fishbone', options: props.causeOptions },
  ];
  return groups.map((g) =>
    g.options.length === 0 ? null : (
      <optgroup key={g.label} label={g.label}>
        {g.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </optgroup>
    ),
  );
}
