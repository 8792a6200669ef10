import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_COMPONENT, benchCrypt, isExpectedAnswer, makePushes, type Scenario } from './bench-fixtures.js';
import { runLoad, type LoadResult } from './load-generator.js';

/**
 * npm run bench: the message URL under load. Distinct encrypted pushes (unique MsgId each, made
 * before the clock starts) against a bare node:http baseline doing the same decrypt + reply, then
 * the gateway on its embedded defaults (SQLite file, in-process cache, dedupe on, an async webhook
 * subscription so ordinary messages are written to the delivery queue), and with BENCH_DATABASE_URL
 * and BENCH_REDIS_URL on MySQL + Redis too. Loopback only; bounded in requests and in time.
 */
const REQUESTS = bounded('BENCH_REQUESTS', 5_000, 100, 200_000);
const ROUNDS = bounded('BENCH_ROUNDS', 3, 1, 9);
const CONNECTIONS = bounded('BENCH_CONNECTIONS', 32, 1, 256);
const MAX_DURATION_MS = bounded('BENCH_MAX_SECONDS', 30, 1, 300) * 1000;
const WARMUP = Math.min(500, REQUESTS);
const SCENARIO_TEXT: Record<Scenario, string> = {
  release: 'release-test texts, answered with the encrypted TESTCOMPONENT_MSG_TYPE_TEXT_callback',
  webhook: 'ordinary texts of an unknown appid: component decrypt, dedupe, durable webhook hand-off, success',
};
const ADMIN_KEY = `bench-admin-${randomBytes(8).toString('hex')}`;
const SCENARIOS: Scenario[] = ['release', 'webhook'];
const crypt = benchCrypt();
let nextMsgId = 26_000_000_000_000_000n + BigInt(Date.now()) * 1000n;

interface Target {
  name: string;
  kind: 'baseline' | 'gateway';
  env?: Record<string, string>;
}

type Figures = LoadResult & { expected: number };

async function main(): Promise<void> {
  const receiver = await startReceiver();
  const targets: Target[] = [
    { name: 'baseline: node:http + src/crypto', kind: 'baseline' },
    { name: 'gateway: SQLite file, in-process cache', kind: 'gateway', env: gatewayEnv({}) },
  ];
  const { BENCH_DATABASE_URL: dbUrl, BENCH_REDIS_URL: redisUrl } = process.env;
  if (dbUrl && redisUrl) {
    const prefix = `wog-bench-${randomBytes(4).toString('hex')}:`;
    const env = gatewayEnv({ DATABASE_URL: dbUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix });
    targets.push({ name: 'gateway: MySQL + Redis', kind: 'gateway', env });
  }
  console.log(
    `message URL benchmark: ${ROUNDS} rounds of ${REQUESTS} requests per target and scenario, ` +
      `${CONNECTIONS} connections, loopback; targets alternate within each round, the median round is shown`,
  );
  const servers = await Promise.all(targets.map(startServer));
  try {
    for (const [i, target] of targets.entries())
      if (target.kind === 'gateway') await subscribe(servers[i].url, receiver);
    const runs = new Map<string, Figures[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of SCENARIOS) {
        for (const [i, target] of targets.entries()) {
          const list = runs.get(`${target.name}|${scenario}`) ?? [];
          list.push(await measure(servers[i].url, scenario));
          runs.set(`${target.name}|${scenario}`, list);
        }
      }
    }
    printSummary(targets, runs);
  } finally {
    for (const { child } of servers) child.kill('SIGTERM');
    receiver.close();
  }
}

async function measure(url: string, scenario: Scenario): Promise<Figures> {
  const load = (count: number) =>
    runLoad({ url, pushes: pushes(scenario, count), connections: CONNECTIONS, maxDurationMs: MAX_DURATION_MS });
  await load(WARMUP);
  const result = await load(REQUESTS);
  const expected = result.answers.filter((a) => isExpectedAnswer(crypt, scenario, a.status, a.body)).length;
  return { ...result, expected };
}

function printSummary(targets: Target[], runs: Map<string, Figures[]>): void {
  const median = (name: string, scenario: Scenario): Figures => {
    const list = [...runs.get(`${name}|${scenario}`)!].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
    return list[Math.floor(list.length / 2)];
  };
  for (const scenario of SCENARIOS) {
    console.log(`\n[${scenario}] ${SCENARIO_TEXT[scenario]}`);
    const base = median(targets[0].name, scenario).requestsPerSecond;
    for (const target of targets) {
      const f = median(target.name, scenario);
      const ratio = target.kind === 'baseline' ? '' : `, ratio to baseline ${(f.requestsPerSecond / base).toFixed(2)}`;
      console.log(
        `  ${target.name}: ${f.requestsPerSecond.toFixed(0)} req/s, p50 ${f.p50Ms.toFixed(2)} ms, ` +
          `p99 ${f.p99Ms.toFixed(2)} ms, ${f.expected}/${f.sent} expected answers, ${f.errors} errors${ratio}`,
      );
    }
  }
  console.log('\ntarget: ratio >= 0.7 for the release-test texts');
}

function pushes(scenario: Scenario, count: number) {
  const made = makePushes(crypt, scenario, count, nextMsgId);
  nextMsgId += BigInt(count);
  return made;
}

function gatewayEnv(over: Record<string, string>): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wog-bench-'));
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    GATEWAY_DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, 'gateway.sqlite')}`,
    GATEWAY_SECRET_KEY: randomBytes(32).toString('base64'),
    GATEWAY_ADMIN_API_KEY: ADMIN_KEY,
    WECHAT_COMPONENT_APP_ID: BENCH_COMPONENT.appId,
    WECHAT_COMPONENT_APP_SECRET: BENCH_COMPONENT.appSecret,
    WECHAT_COMPONENT_TOKEN: BENCH_COMPONENT.token,
    WECHAT_COMPONENT_AES_KEY: BENCH_COMPONENT.encodingAesKey,
    // Nothing listens there: the gateway's own start-up calls to WeChat fail at once, off the hot path.
    WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
    WECHAT_API_FALLBACK_URLS: '',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    ...over,
  };
}

function startServer(target: Target): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./bench-server.js', import.meta.url));
  // BENCH_CPU_PROF_DIR: each server writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
  const profDir = process.env.BENCH_CPU_PROF_DIR;
  const execArgv = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const child = fork(script, [target.kind], {
    env: target.env ?? {},
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${target.name} did not start in 30 s`)), 30_000);
    child.once('message', (m: { port: number }) => {
      clearTimeout(timer);
      resolve({ child, url: `http://127.0.0.1:${m.port}` });
    });
    child.once('exit', (code) => reject(new Error(`${target.name} exited with ${code}`)));
  });
}

/** An async subscription to a local receiver, so ordinary messages go through the durable queue. */
async function subscribe(url: string, receiver: Server): Promise<void> {
  const port = (receiver.address() as AddressInfo).port;
  const res = await fetch(`${url}/api/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, mode: 'async' }),
  });
  if (res.status >= 300) throw new Error(`creating the webhook subscription failed: HTTP ${res.status}`);
}

function startReceiver(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function bounded(name: string, def: number, min: number, max: number): number {
  const n = Number(process.env[name] ?? def);
  return Number.isInteger(n) && n >= min && n <= max ? n : def;
}

main().catch((err: unknown) => {
  console.error(`benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
