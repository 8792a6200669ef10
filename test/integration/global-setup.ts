import mysql from 'mysql2/promise';
import { createClient } from 'redis';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/integration-env.js';
import { buildOnce } from '../support/build-once.js';

/**
 * The integration suite needs a real MySQL/MariaDB and Redis. When one cannot be reached it stops
 * here, loudly, naming the server and how to point the suite elsewhere. It never skips.
 */
export default async function globalSetup(): Promise<void> {
  const problems: string[] = [];
  try {
    const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL, connectTimeout: 5000 });
    await conn.query('SELECT 1');
    await conn.end();
  } catch (err) {
    problems.push(
      `MySQL/MariaDB at ${redact(TEST_DATABASE_URL)} is not reachable (${code(err)}); start it or set TEST_DATABASE_URL`,
    );
  }
  try {
    const client = createClient({ url: TEST_REDIS_URL, socket: { connectTimeout: 5000, reconnectStrategy: false } });
    client.on('error', () => undefined);
    await client.connect();
    await client.ping();
    await client.close();
  } catch (err) {
    problems.push(`Redis at ${redact(TEST_REDIS_URL)} is not reachable (${code(err)}); start it or set TEST_REDIS_URL`);
  }
  if (problems.length > 0) {
    throw new Error(`integration tests need their servers:\n  - ${problems.join('\n  - ')}`);
  }
  await buildOnce();
}

function code(err: unknown): string {
  const c = (err as { code?: unknown })?.code;
  return typeof c === 'string' ? c : err instanceof Error ? err.message.split('\n')[0] : String(err);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
