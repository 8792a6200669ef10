import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import KeyvRedis from '@keyv/redis';
import { createCache, type Cache } from 'cache-manager';
import { Keyv } from 'keyv';
import { CacheConfig } from '../config/config.types.js';
import { Lock } from './lock.js';
import { MemoryLock } from './memory-lock.js';
import { connectRedis, type RedisClient } from './redis-connection.js';
import { RedisLock } from './redis-lock.js';

/** The shared Redis client, or null when REDIS_URL is unset (everything stays in-process). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * Cache (cache-manager 7 on Keyv), locks and the Redis connection, for the whole app. With
 * REDIS_URL set they live in Redis so several instances share them; otherwise in this process.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [CacheConfig],
      useFactory: (c: CacheConfig): Promise<RedisClient | null> =>
        c.redisUrl ? connectRedis(c.redisUrl) : Promise.resolve(null),
    },
    {
      provide: CACHE_MANAGER,
      inject: [CacheConfig, REDIS_CLIENT],
      useFactory: (c: CacheConfig, redis: RedisClient | null): Cache => {
        const store = redis
          ? new Keyv({ store: new KeyvRedis(redis, { keyPrefixSeparator: '' }), namespace: `${c.keyPrefix}cache` })
          : new Keyv();
        return createCache({ stores: [store] });
      },
    },
    {
      provide: Lock,
      inject: [CacheConfig, REDIS_CLIENT],
      useFactory: (c: CacheConfig, redis: RedisClient | null): Lock =>
        redis ? new RedisLock(redis, c.keyPrefix) : new MemoryLock(),
    },
  ],
  exports: [REDIS_CLIENT, CACHE_MANAGER, Lock],
})
export class CacheModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis?.isOpen) await this.redis.close();
  }
}
