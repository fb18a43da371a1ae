/** Zones offered for times written without an offset: none, UTC, this computer's, then common ones. */
const COMMON = [
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

export interface ZoneOption {
  readonly value: string;
  readonly label: string;
}

/** The select's options; '' means "no zone: refuse times without an offset". */
export function zoneOptions(): ZoneOption[] {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const out: ZoneOption[] = [
    { value: '', label: 'Not set: times must carry an offset' },
    { value: 'UTC', label: 'UTC' },
  ];
  if (here && here !== 'UTC' && here !== 'Etc/UTC')
    out.push({ value: here, label: `${here} (this computer)` });
  for (const z of COMMON) if (z !== here) out.push({ value: z, label: z });
  return out;
}
