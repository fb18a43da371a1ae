/** Joins served from the cached whole-board frame stay correct as the board changes. */
import { afterEach, expect, it } from 'vitest';
import {
  type Client,
  connect,
  removeDir,
  startRelay,
  synced,
  type TestRelay,
  waitFor,
} from './helpers.ts';

let relay: TestRelay | undefined;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await relay?.close();
  if (relay) removeDir(relay.dataDir);
  relay = undefined;
});

it('each joiner gets the board as it is when it joins, not a stale cached copy', async () => {
  relay = await startRelay();
  const open = () => {
    const c = connect(relay as TestRelay, 'joins');
    clients.push(c);
    return c;
  };
  const writer = open();
  await synced(writer);
  writer.doc.getText('t').insert(0, 'one');
  await waitFor(() => relay?.app.rooms.get('joins')?.doc.getText('t').toString() === 'one');
  const first = open();
  const second = open();
  await Promise.all([synced(first), synced(second)]);
  expect(first.doc.getText('t').toString()).toBe('one');
  expect(second.doc.getText('t').toString()).toBe('one');
  writer.doc.getText('t').insert(3, ' two');
  await waitFor(() => first.doc.getText('t').toString() === 'one two');
  const third = open();
  await synced(third);
  expect(third.doc.getText('t').toString()).toBe('one two');
});
