// STUB: the core helper replaces this body; the signatures are the contract.
import type * as Y from 'yjs';

export const RCA_SCHEMA_VERSION = 1;

export interface SnapshotInfo {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
}

/** The RCA export, a plain JSON value; its JSON Schema is docs/schema/rca-export.schema.json. */
export type RcaExport = Record<string, unknown> & { readonly schemaVersion: number };

export function buildRcaExport(
  _doc: Y.Doc,
  _opts: { readonly room: string; readonly snapshot?: SnapshotInfo; readonly exportedAt?: string },
): RcaExport {
  throw new Error('not implemented');
}
