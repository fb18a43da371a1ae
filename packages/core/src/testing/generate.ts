/**
 * Test and benchmark support: files of `n` rows in each import format, shaped like the fixtures,
 * with distinct times (one second apart from 2024-03-01T00:00:00Z) and ids.
 */
import type { ImportFormat } from '../import/preview.ts';

const START = Date.UTC(2024, 2, 1);
const at = (i: number) => START + i * 1000;
const iso = (i: number) => new Date(at(i)).toISOString();
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A file of `n` rows for `format`. */
export function generateFile(format: ImportFormat, n: number): string {
  switch (format) {
    case 'thehive5':
      return JSON.stringify({
        events: range(n).map((i) => ({
          date: at(i),
          kind: 'update',
          entity: 'Task',
          entityId: `~${i}`,
          details: { title: `Task ${i} updated by analyst` },
        })),
      });
    case 'thehive4':
      return JSON.stringify(
        range(n).map((i) => ({
          startDate: at(i),
          createdBy: 'analyst',
          message: `Log ${i}: host isolated and triaged`,
          status: 'Ok',
          id: `AVq${i}`,
        })),
      );
    case 'iris':
      return [
        'event_date(UTC),event_title,event_description,event_tz,event_date_wtz,event_category,event_tags,linked_assets,linked_iocs',
        ...range(n).map((i) => {
          const utc = iso(i).slice(0, 19);
          return `"${utc}","Event ${i} "quoted" title","content ${i}","+00:00","${utc}","Unspecified","","host${i};",""`;
        }),
      ].join('\n');
    case 'splunk':
      return range(n)
        .map((i) =>
          JSON.stringify({
            preview: false,
            offset: i,
            result: {
              _time: (at(i) / 1000).toFixed(3),
              _raw: `Jul 14 sshd[${i}]: Failed password for bob from 10.0.0.${i % 255}`,
              host: `host${i % 10}`,
              sourcetype: 'linux_secure',
              _bkt: 'main~1~X',
              _cd: `1:${i}`,
            },
          }),
        )
        .join('\n');
    case 'elastic':
      return range(n)
        .map((i) =>
          JSON.stringify({
            _id: `doc${i}`,
            _source: {
              '@timestamp': iso(i),
              event: { created: new Date(at(i) + 500).toISOString(), action: 'logon-failed' },
              message: `Logon failure ${i}`,
              host: { name: `ws-${i % 50}` },
            },
          }),
        )
        .join('\n');
    case 'servicenow':
      return JSON.stringify({
        result: range(n).map((i) => ({
          number: `INC${String(i).padStart(7, '0')}`,
          sys_id: `sys${i}`,
          short_description: `Phishing report ${i}`,
          opened_at: iso(i).slice(0, 19).replace('T', ' '),
          resolved_at: '',
          closed_at: '',
        })),
      });
    case 'generic':
      return [
        'time,description,phase,tool',
        ...range(n).map(
          (i) => `${iso(i).slice(0, 19)},Event ${i},${i === 0 ? 'detection' : ''},edr`,
        ),
      ].join('\n');
  }
}
