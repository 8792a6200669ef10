// Operator check that the Lock excludes across instances: run it from two hosts (or twice on one)
// against the same REDIS_URL and DATABASE_URL as the gateway. Each process boots the gateway's
// AppModule, enters the guarded section `--runs` times and reports the most holders it ever saw
// inside at once (a shared Redis counter): 1 means the lock held. `--no-lock` shows what 2 looks like.
//   node dist/scripts/lock-probe.js --key probe --runs 20 --hold-ms 20 [--parties 2] [--start-at <epoch ms>] [--no-lock]
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppModule } from '../src/app.module.js';
import { Lock } from '../src/cache/lock.js';
import { REDIS_CLIENT } from '../src/cache/cache.module.js';
import type { RedisClient } from '../src/cache/redis-connection.js';
import { validateEnv } from '../src/config/validate-env.js';

const { values } = parseArgs({
  options: {
    key: { type: 'string', default: 'lock-probe' },
    runs: { type: 'string', default: '20' },
    'hold-ms': { type: 'string', default: '20' },
    'start-at': { type: 'string' },
    parties: { type: 'string', default: '1' },
    'no-lock': { type: 'boolean', default: false },
  },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const config = validateEnv(process.env);
  if (!config.cache.redisUrl) throw new Error('REDIS_URL: the probe checks the Redis lock; set it');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: false,
    abortOnError: false,
  });
  const lock = app.get(Lock);
  const redis = app.get<RedisClient>(REDIS_CLIENT);
  const counter = `${config.cache.keyPrefix}lock-probe:${values.key}:inside`;
  const hold = Number(values['hold-ms']);
  let maxInside = 0;
  const section = async () => {
    maxInside = Math.max(maxInside, await redis.incr(counter));
    await sleep(hold);
    await redis.decr(counter);
  };
  if (values['start-at']) await sleep(Math.max(0, Number(values['start-at']) - Date.now()));
  await barrier(redis, `${config.cache.keyPrefix}lock-probe:${values.key}:ready`, Number(values.parties));
  for (let i = 0; i < Number(values.runs); i++) {
    if (values['no-lock']) await section();
    else await lock.run(`lock-probe:${values.key}`, 5_000, section);
  }
  process.stdout.write(`${JSON.stringify({ pid: process.pid, runs: Number(values.runs), maxInside })}\n`);
  await app.close();
}

/** Waits until `parties` probes have booted, however long each took, so their sections really race. */
async function barrier(redis: RedisClient, key: string, parties: number): Promise<void> {
  await redis.incr(key);
  const deadline = Date.now() + 60_000;
  while (Number(await redis.get(key)) < parties) {
    if (Date.now() > deadline) throw new Error(`only ${await redis.get(key)} of ${parties} probes arrived within 60 s`);
    await sleep(5);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`lock-probe failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
