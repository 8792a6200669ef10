import { describe, expect, it } from '@jest/globals';
import { LockTimeoutError } from './lock.js';
import { MemoryLock } from './memory-lock.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('MemoryLock', () => {
  it('runs holders of one key one at a time, in arrival order', async () => {
    const lock = new MemoryLock();
    const events: string[] = [];
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        lock.run('k', 1000, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          events.push(`in${i}`);
          await tick(5);
          events.push(`out${i}`);
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(events).toEqual(['in1', 'out1', 'in2', 'out2', 'in3', 'out3', 'in4', 'out4', 'in5', 'out5']);
  });

  it('lets different keys run at the same time', async () => {
    const lock = new MemoryLock();
    let inside = 0;
    let maxInside = 0;
    const hold = async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await tick(10);
      inside--;
    };
    await Promise.all([lock.run('a', 1000, hold), lock.run('b', 1000, hold)]);
    expect(maxInside).toBe(2);
  });

  it('releases on error and returns values', async () => {
    const lock = new MemoryLock();
    await expect(lock.run('k', 1000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('k', 1000, async () => 42)).resolves.toBe(42);
  });

  it('gives up waiting after waitMs, and the waiter never runs', async () => {
    const lock = new MemoryLock();
    let ran = false;
    const holder = lock.run('k', 1000, () => tick(100));
    await expect(lock.run('k', 1000, async () => void (ran = true), { waitMs: 20 })).rejects.toBeInstanceOf(
      LockTimeoutError,
    );
    await holder;
    expect(ran).toBe(false);
    await expect(lock.run('k', 1000, async () => 'next')).resolves.toBe('next');
  });
});
