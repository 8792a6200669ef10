import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';

interface ProbeResult {
  pid: number;
  runs: number;
  maxInside: number;
}

/** Runs dist/scripts/lock-probe.js (built by the global set-up): a gateway AppModule in its own process. */
function probe(env: Record<string, string>, args: string[]): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/scripts/lock-probe.js', ...args], {
      env: { ...process.env, ...env, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim()) as ProbeResult) : reject(new Error(`probe exited ${code}: ${err}`)),
    );
  });
}

describe('Lock across two gateway processes on one Redis', () => {
  let db: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createScratchDatabase();
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: scratchRedisPrefix(),
      GATEWAY_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
    };
  });
  afterAll(() => db?.drop());

  const race = (extra: string[]) => {
    // Both probes wait for each other in Redis after booting, then race.
    const args = ['--key', `k${Math.random()}`, '--runs', '15', '--hold-ms', '15', '--parties', '2', ...extra];
    return Promise.all([probe(env, args), probe(env, args)]);
  };

  it('lets exactly one process at a time into the guarded section', async () => {
    const results = await race([]);
    expect(results.map((r) => r.runs)).toEqual([15, 15]);
    expect(new Set(results.map((r) => r.pid)).size).toBe(2);
    expect(results.map((r) => r.maxInside)).toEqual([1, 1]);
  }, 60_000);

  it('(control) without the lock the same probe sees both processes inside at once', async () => {
    const results = await race(['--no-lock']);
    expect(Math.max(...results.map((r) => r.maxInside))).toBe(2);
  }, 60_000);
});
