/**
 * The handler table for client frames. `readFrame` either returns the reply (possibly empty) or
 * throws a ProtocolError that closes only the offending socket.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE, ProtocolError } from '../errors.ts';
import { MESSAGE, SYNC } from './messages.ts';
import { nestingDepth } from './nesting.ts';

/** An update as Y.decodeUpdate returns it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Where validated updates wait to be applied together (the room's queue for this event-loop
 * turn), instead of one Yjs transaction each.
 */
export interface UpdateQueue {
  /** The deepest nesting an item of the queued updates may land at; 0 when none is queued. */
  readonly depth: number;
  /** Queues a validated update whose items nest at most `depth` deep. */
  add(update: Uint8Array, decoded: DecodedUpdate, depth: number): void;
  /** Applies the queued updates now; false when none was queued. */
  settle(): boolean;
}

/**
 * Deepest type nesting an update may create. A board nests a few levels; thousands of nested
 * maps overflow the stack in Yjs' recursive walks (toJSON, encoders) somewhere later, far from
 * the socket that sent them.
 */
export const MAX_NESTING = 64;

export interface FrameContext {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Transaction/awareness origin, so the room can skip echoing a peer's own update. */
  readonly origin: unknown;
  /**
   * Decides, before a sync step 2 or update is applied, whether it may be: 'deny' answers with
   * the protocol's permission-denied message and drops it; throwing a ProtocolError closes the
   * socket. Absent means every update applies.
   */
  readonly admitUpdate?: (update: Uint8Array) => 'apply' | 'deny';
  /** Validated updates go here instead of being applied at once; absent means applied at once. */
  readonly queue?: UpdateQueue;
}

type Handler = (ctx: FrameContext, decoder: decoding.Decoder, reply: encoding.Encoder) => void;

const malformed = (what: string) =>
  new ProtocolError(CLOSE.malformedFrame, `malformed frame: ${what}`);

interface Checked {
  readonly update: Uint8Array;
  readonly decoded: DecodedUpdate;
  /** The deepest nesting its items may land at. */
  readonly depth: number;
}

/**
 * Decodes the update fully before the room doc sees it, so garbage never half-applies; returns
 * the update when the message carries one (step 2 or update), else null.
 */
function checkUpdate(decoder: decoding.Decoder, ctx: FrameContext): Checked | null {
  const probe = decoding.clone(decoder);
  const kind = decoding.readVarUint(probe);
  if (kind !== SYNC.step2 && kind !== SYNC.update) return null;
  const update = decoding.readVarUint8Array(probe);
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    throw malformed(`bad Yjs update (${(err as Error).message})`);
  }
  const unresolved = { found: false };
  let depth = nestingDepth(decoded.structs, ctx.doc, MAX_NESTING, unresolved);
  // What the doc lacks may be in a queued update: count the queue's depth on top of this one's,
  // or, when the sum would pass the limit, apply the queue and measure against the doc again.
  const queue = ctx.queue;
  if (unresolved.found && queue && queue.depth > 0) {
    if (depth + queue.depth <= MAX_NESTING) depth += queue.depth;
    else if (queue.settle()) depth = nestingDepth(decoded.structs, ctx.doc, MAX_NESTING);
  }
  if (depth > MAX_NESTING) throw malformed(`types nested deeper than ${MAX_NESTING} levels`);
  return { update, decoded, depth };
}

const HANDLERS: Readonly<Record<number, Handler>> = {
  [MESSAGE.sync]: (ctx, decoder, reply) => {
    const checked = checkUpdate(decoder, ctx);
    if (checked && ctx.admitUpdate?.(checked.update) === 'deny') {
      encoding.writeVarUint(reply, MESSAGE.auth);
      authProtocol.writePermissionDenied(reply, 'read-only: your invite is for viewing');
      return;
    }
    if (checked && ctx.queue) {
      ctx.queue.add(checked.update, checked.decoded, checked.depth);
      return;
    }
    // A sync step 1 is answered from the doc: with this socket's queued updates in it, as if
    // each had been applied on arrival.
    if (!checked) ctx.queue?.settle();
    encoding.writeVarUint(reply, MESSAGE.sync);
    syncProtocol.readSyncMessage(decoder, reply, ctx.doc, ctx.origin, (err) => {
      throw malformed(`Yjs update failed to apply (${err.message})`);
    });
  },
  [MESSAGE.awareness]: (ctx, decoder) => {
    awarenessProtocol.applyAwarenessUpdate(
      ctx.awareness,
      decoding.readVarUint8Array(decoder),
      ctx.origin,
    );
  },
  [MESSAGE.queryAwareness]: (ctx, _decoder, reply) => {
    encoding.writeVarUint(reply, MESSAGE.awareness);
    const clients = [...ctx.awareness.getStates().keys()];
    encoding.writeVarUint8Array(
      reply,
      awarenessProtocol.encodeAwarenessUpdate(ctx.awareness, clients),
    );
  },
};

/** Applies one binary frame; returns the reply to send, or null when there is none. */
export function readFrame(ctx: FrameContext, frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame);
  const reply = encoding.createEncoder();
  try {
    const type = decoding.readVarUint(decoder);
    const handler = HANDLERS[type];
    if (!handler) throw malformed(`unknown message type ${type}`);
    handler(ctx, decoder, reply);
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    // lib0 throws plain Errors for truncated varints/buffers and bad JSON in awareness.
    throw malformed((err as Error).message || String(err));
  }
  // A sync reply always starts with its type byte; only a longer one carries a payload.
  return encoding.length(reply) > 1 ? encoding.toUint8Array(reply) : null;
}
