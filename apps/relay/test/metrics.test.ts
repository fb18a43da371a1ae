/** `/metrics`: Prometheus text with rooms, sockets, updates and store latency that move. */
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

/** The value of an unlabelled sample in a Prometheus text body. */
function sample(body: string, name: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no sample ${name}`);
  return Number(line.split(' ')[1]);
}

it('reports rooms, sockets, relayed updates and store latency in Prometheus format', async () => {
  relay = await startRelay();
  const scrape = async () => {
    const res = await relay?.app.inject({ method: 'GET', url: '/metrics' });
    expect(res?.statusCode).toBe(200);
    expect(res?.headers['content-type']).toContain('text/plain');
    return res?.body ?? '';
  };
  const before = await scrape();
  expect(sample(before, 'causeway_rooms')).toBe(0);
  expect(sample(before, 'causeway_sockets')).toBe(0);
  expect(sample(before, 'causeway_updates_total')).toBe(0);

  const a = connect(relay, 'metered');
  const b = connect(relay, 'metered');
  clients.push(a, b);
  await Promise.all([synced(a), synced(b)]);
  a.doc.getText('t').insert(0, 'hello');
  await waitFor(() => b.doc.getText('t').toString() === 'hello');

  const after = await scrape();
  expect(sample(after, 'causeway_rooms')).toBe(1);
  expect(sample(after, 'causeway_sockets')).toBe(2);
  expect(sample(after, 'causeway_updates_total')).toBeGreaterThanOrEqual(1);
  expect(sample(after, 'causeway_store_seconds_count')).toBeGreaterThanOrEqual(1);
  expect(after).toContain('# TYPE causeway_store_seconds histogram');
});
