/**
 * Mutual exclusion by key. The global CacheModule binds MemoryLock (one process) or RedisLock
 * (every instance sharing REDIS_URL). An abstract class, so it is both the type and the DI token.
 */
export abstract class Lock {
  /**
   * Runs fn while holding `key`; other holders of the same key wait (up to `waitMs`, default
   * ttlMs * 3) and run after it. `ttlMs` bounds how long a crashed holder can block others; a live
   * holder keeps the lock for as long as fn runs.
   */
  abstract run<T>(key: string, ttlMs: number, fn: () => Promise<T>, opts?: LockRunOptions): Promise<T>;
}

export interface LockRunOptions {
  /** How long to wait for the lock before LockTimeoutError. */
  waitMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(
    readonly key: string,
    waitedMs: number,
  ) {
    super(`lock "${key}" not acquired within ${waitedMs} ms`);
    this.name = 'LockTimeoutError';
  }
}
