import type { RedisClient } from '../cache/redis-connection.js';
import { MessageDedupeStore } from './message-dedupe.store.js';

/** Shared by every instance on one Redis: a resend that lands on another instance is still a resend. */
export class RedisMessageDedupeStore extends MessageDedupeStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    super();
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const ok = await this.redis.set(this.seenKey(key), '1', {
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs },
    });
    return ok === 'OK';
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.seenKey(key));
  }

  async remember(key: string, answer: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.answerKey(key), answer, { expiration: { type: 'PX', value: ttlMs } });
  }

  async recall(key: string): Promise<string | undefined> {
    const value = await this.redis.get(this.answerKey(key));
    return typeof value === 'string' ? value : undefined;
  }

  private seenKey(key: string): string {
    return `${this.prefix}msg:seen:${key}`;
  }

  private answerKey(key: string): string {
    return `${this.prefix}msg:answer:${key}`;
  }
}
