/** A relay whose Redis cannot be reached says so once, not once per retry, and reads as cut off. */
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { RedisFanout } from '../src/cluster/redis.ts';
import { redactUrl } from '../src/limits/redact.ts';
import { createMetrics } from '../src/metrics.ts';
import { countingPeer } from './countingPeer.ts';
import { freePort } from './process.ts';

function recordingLog() {
  const lines: { level: string; obj: unknown; msg: string }[] = [];
  const at =
    (level: string) =>
    (obj: unknown, msg = '') =>
      lines.push({ level, obj, msg });
  const log = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  } as unknown as FastifyBaseLogger;
  return { log, lines };
}

describe('a relay whose Redis is unreachable', () => {
  it('warns once, naming the URL without its password, and is not connected', async () => {
    const port = await freePort(); // nothing listens there
    const { log, lines } = recordingLog();
    const fanout = new RedisFanout({
      url: `redis://:hunter2@127.0.0.1:${port}`,
      log,
      metrics: createMetrics({ rooms: () => 0, sockets: () => 0 }, false),
    });
    try {
      // ioredis retries after 50, 100, 150… ms: by 1.5 s it has failed several times.
      await new Promise((r) => setTimeout(r, 1500));
      const errors = lines.filter((l) => l.level === 'debug' && l.msg === 'redis error');
      expect(errors.length).toBeGreaterThan(1);
      const warnings = lines.filter((l) => l.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.msg).toMatch(/redis unreachable.*not shared live/);
      expect(JSON.stringify(warnings[0]?.obj)).toContain(`127.0.0.1:${port}`);
      expect(JSON.stringify(lines)).not.toContain('hunter2');
      expect(fanout.connected).toBe(false);
    } finally {
      await fanout.close();
    }
  });

  it('closes at once with publishes queued, instead of waiting for Redis to come back', async () => {
    const port = await freePort();
    const fanout = new RedisFanout({
      url: `redis://127.0.0.1:${port}`,
      log: recordingLog().log,
      metrics: createMetrics({ rooms: () => 0, sockets: () => 0 }, false),
    });
    const link = await fanout.join('room', countingPeer().peer);
    link.publishUpdate(Uint8Array.of(0, 0));
    const t0 = performance.now();
    await fanout.close();
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('service URLs lose their password in logs; request URLs their token', () => {
    expect(redactUrl('redis://:s3cret@10.0.0.5:6379/0')).toBe(
      'redis://:[redacted]@10.0.0.5:6379/0',
    );
    expect(redactUrl('postgres://app:pw@db/causeway')).toBe(
      'postgres://app:[redacted]@db/causeway',
    );
    expect(redactUrl('redis://10.0.0.5:6379')).toBe('redis://10.0.0.5:6379');
    expect(redactUrl('/sync/r?token=abc&x=1')).toBe('/sync/r?token=[redacted]&x=1');
  });
});
