/**
 * The prebuilt-frame write that bypasses ws's sender: it must put the same bytes on the wire as
 * ws would, fall back to ws whenever ws is mid-frame (or its internals are not what we expect),
 * and never write after the socket started closing (e.g. ws's 1009 for an oversized frame).
 */
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { CLOSE } from '../src/errors.ts';
import { Connection, SharedFrame } from '../src/rooms/connection.ts';
import { closed, waitFor } from './helpers.ts';

let server: WebSocketServer | undefined;
afterEach(async () => {
  for (const c of server?.clients ?? []) c.terminate();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A ws server with one connected client; resolves with both ends. */
async function pair(
  maxPayload = 1024 * 1024,
): Promise<{ serverSide: WebSocket; client: WebSocket }> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload });
  await new Promise((r) => server?.once('listening', r));
  const { port } = server.address() as AddressInfo;
  const accepted = new Promise<WebSocket>((r) => server?.once('connection', r));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((r) => client.once('open', r));
  return { serverSide: await accepted, client };
}

const received = (ws: WebSocket) => {
  const got: Uint8Array[] = [];
  ws.on('message', (data: RawData) => got.push(new Uint8Array(data as Buffer)));
  return got;
};

it('writes the prebuilt frame straight to the TCP socket and the client reads the payload', async () => {
  const { serverSide, client } = await pair();
  const got = received(client);
  const raw = (serverSide as unknown as { _socket: { write(b: Uint8Array): boolean } })._socket;
  const write = vi.spyOn(raw, 'write');
  const sendViaWs = vi.spyOn(serverSide, 'send');
  const conn = new Connection(serverSide);
  const small = new SharedFrame(Uint8Array.of(0, 2, 3, 7, 7, 7));
  const big = new SharedFrame(new Uint8Array(70_000).fill(9)); // 64-bit length header
  conn.sendShared(small);
  conn.sendShared(big);
  await waitFor(() => got.length === 2);
  expect(got[0]).toEqual(small.payload);
  expect(got[1]).toEqual(big.payload);
  expect(write).toHaveBeenCalledWith(small.wire);
  expect(write).toHaveBeenCalledWith(big.wire);
  expect(sendViaWs).not.toHaveBeenCalled();
});

it('falls back to ws.send when the sender is busy or its internals are missing', () => {
  const frame = new SharedFrame(Uint8Array.of(0, 2, 1, 0));
  const stub = (internals: object) => {
    const socket = { readyState: WebSocket.OPEN, on: vi.fn(), send: vi.fn(), ...internals };
    new Connection(socket as unknown as WebSocket).sendShared(frame);
    return socket.send;
  };
  const write = vi.fn();
  // Deflating, queued bytes, an unknown sender shape, no raw socket: ws keeps frame order.
  expect(
    stub({ _socket: { write }, _sender: { _state: 1, _bufferedBytes: 0 } }),
  ).toHaveBeenCalled();
  expect(
    stub({ _socket: { write }, _sender: { _state: 0, _bufferedBytes: 10 } }),
  ).toHaveBeenCalled();
  expect(stub({ _socket: { write }, _sender: {} })).toHaveBeenCalled();
  expect(stub({ _sender: { _state: 0, _bufferedBytes: 0 } })).toHaveBeenCalled();
  expect(write).not.toHaveBeenCalled();
  // The happy shape does use the raw socket.
  expect(
    stub({ _socket: { write }, _sender: { _state: 0, _bufferedBytes: 0 } }),
  ).not.toHaveBeenCalled();
  expect(write).toHaveBeenCalledTimes(1);
});

it('after ws closes a socket 1009 for an oversized frame, nothing more is written to it', async () => {
  const { serverSide, client } = await pair(64);
  const got = received(client);
  const raw = (serverSide as unknown as { _socket: { write(b: Uint8Array): boolean } })._socket;
  const conn = new Connection(serverSide);
  const frame = new SharedFrame(Uint8Array.of(0, 2, 1, 0));
  const sentAfterClose = new Promise<number>((resolve) => {
    // ws has already queued its 1009 close frame when it reports the error.
    serverSide.once('error', () => {
      const write = vi.spyOn(raw, 'write');
      conn.sendShared(frame);
      conn.send(frame.payload);
      resolve(write.mock.calls.length);
    });
  });
  const closing = closed(client);
  client.send(new Uint8Array(1000));
  expect(await sentAfterClose).toBe(0);
  expect((await closing).code).toBe(CLOSE.tooBig);
  expect(got).toEqual([]);
});
