import { Injectable } from '@nestjs/common';
import { Lock, LockTimeoutError, type LockRunOptions } from './lock.js';

/**
 * In-process lock: a FIFO queue per key. Also used inside RedisLock so that callers of one process
 * queue locally instead of all polling Redis.
 */
@Injectable()
export class MemoryLock extends Lock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, ttlMs: number, fn: () => Promise<T>, opts?: LockRunOptions): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      await this.waitFor(previous, key, opts?.waitMs ?? ttlMs * 3);
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  private async waitFor(previous: Promise<void>, key: string, waitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LockTimeoutError(key, waitMs)), waitMs);
    });
    try {
      await Promise.race([previous, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
