/**
 * Committing an import through the relay (docs/api.md, "Imports"): the relay re-reads the file
 * with the same importer and writes it (all or nothing, in slices every page applies one at a
 * time), because one 50,000-event update is larger than the frame a browser may send over the
 * sync socket.
 */
import type { PreviewSummary } from '@causeway/core';
import { ApiError, apiErrorFrom, request, roomPath } from '../api.ts';
import { authHeaders } from '../auth/token.ts';
import type { WorkerOptions } from './workerProtocol.ts';

export interface Committed {
  readonly added: number;
  /** The import's last event (null if it added none): it is done on this page once that is here. */
  readonly lastEventId: string | null;
  readonly duplicates: { readonly onBoard: number; readonly inFile: number };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const committed = (body: unknown): Committed => {
  const b = isObject(body) ? body : {};
  const d = isObject(b.duplicates) ? b.duplicates : {};
  return {
    added: Number(b.added ?? 0),
    lastEventId: typeof b.lastEventId === 'string' ? b.lastEventId : null,
    duplicates: { onBoard: Number(d.onBoard ?? 0), inFile: Number(d.inFile ?? 0) },
  };
};

/** How the shared progress bar names an import: the file or case, and who started it. */
export interface ImportNaming {
  readonly label: string;
  readonly by: string;
}

/** The query string carrying the options the preview used (and the progress bar's naming). */
export function importQuery(options: WorkerOptions, naming?: ImportNaming): string {
  const q = new URLSearchParams();
  if (options.format) q.set('format', options.format);
  if (options.zone) q.set('zone', options.zone);
  if (options.mapping) q.set('mapping', JSON.stringify(options.mapping));
  if (naming?.label) q.set('label', naming.label.slice(0, 200));
  if (naming?.by) q.set('by', naming.by.slice(0, 80));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Uploads the file itself (no copy on the main thread), reporting upload progress 0…1. */
export function commitFile(
  room: string,
  file: File,
  options: WorkerOptions,
  by: string,
  onUpload: (fraction: number) => void,
): Promise<Committed> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${roomPath(room)}/import${importQuery(options, { label: file.name, by })}`);
    xhr.setRequestHeader('content-type', 'text/plain');
    // With auth on, an import needs the editor's invite like every other board request.
    for (const [name, value] of Object.entries(authHeaders(room)))
      xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'Cannot reach the Causeway relay. Check your connection.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 201) resolve(committed(body));
      else reject(apiErrorFrom(xhr.status, body, `The relay answered ${xhr.status}.`));
    };
    xhr.send(file);
  });
}

export interface TheHiveForm {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly caseId: string;
}

const pull = (room: string, form: TheHiveForm, extra: object): Promise<unknown> =>
  request(
    `${roomPath(room)}/import/thehive`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...form, ...extra }),
    },
    room,
  );

/** Asks the relay to fetch the case timeline from TheHive and preview it. */
export const previewTheHive = async (room: string, form: TheHiveForm) =>
  (await pull(room, form, { preview: true })) as PreviewSummary;

/** Asks the relay to fetch the case timeline from TheHive and import it; `by` names the importer. */
export const importTheHive = async (room: string, form: TheHiveForm, by: string) =>
  committed(await pull(room, form, { preview: false, by: by.slice(0, 80) }));
