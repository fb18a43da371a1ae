/**
 * Hostile nesting: one update of ~110 KB holding a Y.Map nested 10,000 deep (under the frame
 * cap) closes only its sender with 4400 and a reason; a bystander keeps syncing and the update
 * is not stored.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../src/errors.ts';
import { MESSAGE, SYNC } from '../src/protocol/messages.ts';
import { SqliteStorage, sqliteFile } from '../src/storage/sqlite.ts';
import {
  type Client,
  closed,
  connect,
  rawSocket,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  waitFor,
} from './helpers.ts';

let relay: TestRelay;
let bystander: Client;

beforeAll(async () => {
  relay = await startRelay();
  bystander = connect(relay, 'deep');
  await synced(bystander);
});
afterAll(async () => {
  bystander.destroy();
  await relay.close();
  removeDir(relay.dataDir);
});

function nestedMapUpdate(depth: number): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    let map = doc.getMap('deep');
    for (let i = 0; i < depth; i++) {
      const child = new Y.Map();
      map.set('a', child);
      map = child;
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC.update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

it('a 10,000-deep nested map closes only its sender (4400); the bystander syncs on', async () => {
  const update = nestedMapUpdate(10_000);
  expect(update.length).toBeLessThan(200_000);
  const bystanderCloses: number[] = [];
  bystander.provider.on('connection-close', (ev) => bystanderCloses.push(ev?.code ?? 0));

  const ws = await rawSocket(relay, 'deep');
  const done = closed(ws);
  ws.send(updateFrame(update));
  const got = await Promise.race([
    done,
    new Promise<{ code: number; reason: string }>((resolve) =>
      setTimeout(() => resolve({ code: 0, reason: 'relay kept the socket open' }), 10_000),
    ),
  ]);
  ws.terminate();
  expect(got.code).toBe(CLOSE.malformedFrame);
  expect(got.reason).toMatch(/nest/);

  const marker = `${Math.random()}`;
  const writer = connect(relay, 'deep');
  await synced(writer);
  writer.doc.getMap('m').set('marker', marker);
  await waitFor(() => bystander.doc.getMap('m').get('marker') === marker, 5000, 'bystander');
  writer.destroy();
  expect(bystanderCloses).toEqual([]);
  expect(bystander.doc.getMap('deep').size).toBe(0);

  const storage = new SqliteStorage(sqliteFile(relay.dataDir));
  try {
    const stored = new Y.Doc();
    for (const u of (await storage.loadLog('deep')).updates) Y.applyUpdate(stored, u);
    expect(stored.getMap('deep').size).toBe(0);
    expect(stored.getMap('m').get('marker')).toBe(marker);
    stored.destroy();
  } finally {
    await storage.close();
  }
});
