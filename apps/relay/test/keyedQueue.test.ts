import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../src/import/keyedQueue.ts';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('KeyedQueue', () => {
  it('runs tasks of one key in order, one at a time, other keys alongside, and forgets idle keys', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, steps: number) => async () => {
      log.push(`${name} start`);
      for (let i = 0; i < steps; i++) await tick();
      log.push(`${name} end`);
      return name;
    };
    const done = Promise.all([
      q.run('a', task('a1', 3)),
      q.run('a', task('a2', 1)),
      q.run('b', task('b1', 1)),
    ]);
    expect(await done).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
    await tick();
    expect(q.size).toBe(0);
  });

  it('a failed task rejects its caller only; the next task of the key still runs', async () => {
    const q = new KeyedQueue();
    const failed = q.run('a', async () => {
      throw new Error('board too large');
    });
    const next = q.run('a', async () => 'ran');
    await expect(failed).rejects.toThrow('board too large');
    expect(await next).toBe('ran');
  });
});
