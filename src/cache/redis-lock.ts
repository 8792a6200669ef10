import { randomUUID } from 'node:crypto';
import { Lock, LockTimeoutError, type LockRunOptions } from './lock.js';
import { MemoryLock } from './memory-lock.js';
import type { RedisClient } from './redis-connection.js';

// Compare-and-delete and compare-and-extend: only the owner (its random token) may touch the lock,
// so a holder whose TTL ran out can never release a lock that another instance now holds.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Lock shared by every gateway instance on one Redis: SET key owner NX PX ttl, released by
 * compare-and-delete. While fn runs, the TTL is renewed every ttl/3, so a slow holder keeps it and
 * a crashed one frees it after at most ttl. Waiters of one process queue in a MemoryLock first.
 */
export class RedisLock extends Lock {
  private readonly local = new MemoryLock();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly pollMs = { min: 10, max: 200 },
  ) {
    super();
  }

  run<T>(key: string, ttlMs: number, fn: () => Promise<T>, opts?: LockRunOptions): Promise<T> {
    const waitMs = opts?.waitMs ?? ttlMs * 3;
    const deadline = Date.now() + waitMs;
    return this.local.run(key, ttlMs, () => this.runShared(key, ttlMs, deadline, waitMs, fn), { waitMs });
  }

  private async runShared<T>(
    key: string,
    ttlMs: number,
    deadline: number,
    waitMs: number,
    fn: () => Promise<T>,
  ): Promise<T> {
    const redisKey = `${this.prefix}lock:${key}`;
    const owner = randomUUID();
    await this.acquire(redisKey, owner, ttlMs, deadline, key, waitMs);
    const renew = setInterval(
      () => {
        this.redis.eval(EXTEND, { keys: [redisKey], arguments: [owner, String(ttlMs)] }).catch(() => undefined);
      },
      Math.max(50, Math.floor(ttlMs / 3)),
    );
    renew.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, { keys: [redisKey], arguments: [owner] }).catch(() => undefined);
    }
  }

  private async acquire(
    redisKey: string,
    owner: string,
    ttlMs: number,
    deadline: number,
    key: string,
    waitMs: number,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const ok = await this.redis.set(redisKey, owner, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
      if (ok === 'OK') return;
      if (Date.now() >= deadline) throw new LockTimeoutError(key, waitMs);
      const backoff = Math.min(this.pollMs.max, this.pollMs.min * 2 ** Math.min(attempt, 5));
      await new Promise((r) =>
        setTimeout(r, Math.min(backoff * (0.5 + Math.random() / 2), Math.max(1, deadline - Date.now()))),
      );
    }
  }
}
