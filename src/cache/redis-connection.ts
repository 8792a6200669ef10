import { Logger } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import { ConfigError } from '../config/validate-env.js';

export type RedisClient = RedisClientType;

/**
 * Connects to REDIS_URL. The first connection must succeed within a few seconds, so that a wrong
 * URL stops the start-up with a clear message; after that the client reconnects with backoff.
 */
export async function connectRedis(url: string, logger = new Logger('Redis')): Promise<RedisClient> {
  let everReady = false;
  const client: RedisClient = createClient({
    url,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number, cause: Error) => {
        // Before the first success, give up after three tries: the start-up reports REDIS_URL.
        if (!everReady && retries >= 2) return cause;
        return Math.min(100 * 2 ** retries, 5_000);
      },
    },
  });
  client.on('error', (err: Error) => {
    if (everReady) logger.warn(`Redis connection problem: ${describe(err)}`);
  });
  client.on('ready', () => {
    if (everReady) logger.log('Redis connection restored');
    everReady = true;
  });
  try {
    await client.connect();
  } catch (err) {
    if (client.isOpen) client.destroy();
    throw err instanceof ConfigError ? err : new ConfigError('REDIS_URL', `cannot connect to Redis (${describe(err)})`);
  }
  return client;
}

/** The error's code or first line, never the URL (it may carry a password). */
function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/rediss?:\/\/\S+/g, 'redis://***').split('\n')[0];
}
