/**
 * The y-websocket wire format: a varuint message type, then a type-specific body.
 * Encoders delegate to y-protocols so the relay speaks exactly what the client reads.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export const MESSAGE = {
  sync: 0,
  awareness: 1,
  /** Server -> client only (permission denied); a client sending it is malformed. */
  auth: 2,
  queryAwareness: 3,
} as const;

export const SYNC = {
  step1: syncProtocol.messageYjsSyncStep1,
  step2: syncProtocol.messageYjsSyncStep2,
  update: syncProtocol.messageYjsUpdate,
} as const;

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** The relay's state vector, asking the client for whatever the relay lacks. */
export const syncStep1Message = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    syncProtocol.writeSyncStep1(e, doc);
  });

/** Sync step 2 carrying `update` (the whole doc, for a client that has nothing). */
export const syncStep2Message = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, SYNC.step2);
    encoding.writeVarUint8Array(e, update);
  });

/** True for the sync step 1 of a client holding nothing (empty state vector): most joins. */
export const isEmptySyncStep1 = (f: Uint8Array) =>
  f.length === 4 && f[0] === MESSAGE.sync && f[1] === SYNC.step1 && f[2] === 1 && f[3] === 0;

export const updateMessage = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    syncProtocol.writeUpdate(e, update);
  });

export const awarenessMessage = (
  awareness: awarenessProtocol.Awareness,
  clients: readonly number[],
) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(
      e,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [...clients]),
    );
  });

/**
 * An awareness update listing zero clients. The y-websocket client counts any message as a sign
 * of life (resetting its 30 s watchdog) and applying an empty awareness update changes nothing and
 * triggers no reply, so this is the cheapest keepalive it understands.
 */
export const KEEPALIVE_MESSAGE: Uint8Array = frame((e) => {
  encoding.writeVarUint(e, MESSAGE.awareness);
  encoding.writeVarUint8Array(
    e,
    frame((inner) => encoding.writeVarUint(inner, 0)),
  );
});
