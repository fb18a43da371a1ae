/**
 * /readyz with Redis configured: not ready until Redis has been reached once (a new relay that
 * cannot share boards stays out of the balancer). That a later outage keeps it ready is in
 * cluster.test.ts, which restarts a real Redis.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { removeDir, tempDir } from './helpers.ts';
import { freePort } from './process.ts';

describe('readiness with an unreachable Redis', () => {
  const dataDir = tempDir();
  afterAll(() => removeDir(dataDir));

  it('/readyz answers 503 fanout-down and /healthz 200 with fanout down', async () => {
    // A port nothing listens on: ioredis keeps retrying, the relay still serves.
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const app = await buildApp({
      dataDir,
      logLevel: 'silent',
      webDist: join(dataDir, 'none'),
      redisUrl,
    });
    try {
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ error: 'fanout-down' });
      expect(ready.json<{ message: string }>().message).toMatch(/not been reachable/);
      const health = await app.inject('/healthz');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ ok: true, fanout: 'down' });
    } finally {
      await app.close();
    }
  });
});
