import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/** Where the integration suite finds its servers (contract: TEST_DATABASE_URL, TEST_REDIS_URL). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A database of its own for one test file (created on the server of TEST_DATABASE_URL), so files
 * and reruns never see each other's rows. Returns its URL and a drop function.
 */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `wog_it_${randomBytes(5).toString('hex')}`;
  const server = new URL(TEST_DATABASE_URL);
  const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  server.pathname = `/${name}`;
  return {
    url: server.toString(),
    drop: async () => {
      const c = await mysql.createConnection({ uri: TEST_DATABASE_URL });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** A Redis key prefix of its own for one test file. */
export function scratchRedisPrefix(): string {
  return `wog-it-${randomBytes(4).toString('hex')}:`;
}
