import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Push } from './bench-fixtures.js';

export interface LoadOptions {
  /** Base URL on loopback, e.g. http://127.0.0.1:40123. */
  url: string;
  pushes: readonly Push[];
  /** Concurrent keep-alive connections. */
  connections: number;
  /** Stop sending new requests after this long, whatever is left. */
  maxDurationMs: number;
}

export interface LoadResult {
  sent: number;
  durationMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  answers: { status: number; body: string }[];
}

/** A bounded closed-loop load: `connections` workers, each sending the next push when its last one is answered. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const target = new URL(opts.url);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') throw new Error('loopback only');
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const answers: { status: number; body: string }[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.maxDurationMs;
  const worker = async (): Promise<void> => {
    while (next < opts.pushes.length && performance.now() < deadline) {
      const push = opts.pushes[next++];
      const t0 = performance.now();
      try {
        answers.push(await post(agent, target, push));
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const durationMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: answers.length + errors,
    durationMs,
    requestsPerSecond: (answers.length / durationMs) * 1000,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors,
    answers,
  };
}

function post(agent: Agent, target: URL, push: Push): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: push.path,
        headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(push.body) },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(push.body);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
