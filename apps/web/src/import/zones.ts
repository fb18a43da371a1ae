/**
 * Zones suggested for times written without an offset (any other IANA name or offset may be typed):
 * UTC, this computer's, then common ones.
 */
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

/** The suggestions, in the order the zone field lists them. */
export function zoneOptions(): ZoneOption[] {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const out: ZoneOption[] = [{ value: 'UTC', label: 'UTC' }];
  if (here && here !== 'UTC' && here !== 'Etc/UTC')
    out.push({ value: here, label: `${here} (this computer)` });
  for (const z of COMMON) if (z !== here) out.push({ value: z, label: z });
  return out;
}
