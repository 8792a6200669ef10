// Plain ESM JavaScript: Jest loads global set-up outside its module mapper.
import mysql from 'mysql2/promise';
import { createClient } from 'redis';
import { buildDist } from '../support/build-dist.mjs';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test';
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The integration suite needs a real MySQL/MariaDB and Redis. When one cannot be reached it stops
 * here, loudly, naming the server and how to point the suite elsewhere. It never skips. Then it
 * builds dist/ (incrementally), which the tests that start real gateway processes run.
 */
export default async function globalSetup() {
  const problems = [];
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
  buildDist();
}

function code(err) {
  if (typeof err?.code === 'string') return err.code;
  if (err instanceof AggregateError && err.errors.length > 0) return code(err.errors[0]);
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
