import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { dispatch, inboundMessage } from '../support/webhook-messages.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/** The same secret key as createTestApp, so the process and the in-test app open each other's sealed secrets. */
const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');
const NEVER_POLL = '3600000';

/**
 * kill -9 of a gateway process with deliveries queued (and one with deliveries claimed and in
 * flight), then another process on the same SQLite file: every message reaches the receiver, and is
 * acknowledged exactly once per delivery id.
 */
describe('webhook deliveries survive kill -9 (SQLite file, real processes)', () => {
  let receiver: WebhookReceiver;
  const procs: GatewayProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'wog-webhook-crash-'));
  const dbEnv = { DATABASE_URL: `sqlite:${join(dataDir, 'gateway.sqlite')}` };
  const start = async (pollMs: string): Promise<GatewayProcess> => {
    const gw = await startGatewayProcess(
      {
        ...dbEnv,
        GATEWAY_SECRET_KEY: SECRET_KEY,
        GATEWAY_ADMIN_API_KEY: ADMIN_KEY,
        WEBHOOK_POLL_INTERVAL_MS: pollMs,
        WEBHOOK_BACKOFF_BASE_MS: '50',
      },
      dataDir,
    );
    procs.push(gw);
    return gw;
  };
  /** A second app on the same file stands in for the message URL: it calls dispatch() like the message module. */
  const queue = async (n: number): Promise<void> => {
    const app: INestApplication = await createTestApp({ ...dbEnv, WEBHOOK_POLL_INTERVAL_MS: NEVER_POLL });
    try {
      const results = await Promise.all(Array.from({ length: n }, () => dispatch(app, inboundMessage())));
      expect(results.every((r) => r.queued === 1)).toBe(true);
    } finally {
      await app.close();
    }
  };

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    for (const p of procs) await p.kill9();
    await receiver.stop();
  });

  it('delivers what a killed process had queued, each exactly once', async () => {
    const a = await start(NEVER_POLL);
    const created = await fetch(`${a.url}/api/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, mode: 'async' }),
    });
    expect(created.status).toBe(201);
    await queue(20);
    await a.kill9();
    expect(receiver.received).toHaveLength(0);

    await start('50');
    await receiver.waitFor(() => receiver.deliveredCounts().size === 20, 20_000, '20 deliveries');
    await new Promise((r) => setTimeout(r, 500)); // room for a duplicate to show up
    expect([...receiver.deliveredCounts().values()]).toEqual(Array(20).fill(1));
  }, 60_000);

  it('retries the attempts a killed process had claimed, once their claim expires', async () => {
    for (const p of procs) await p.kill9();
    receiver.received.length = 0;
    receiver.behaviour = { status: 200, hang: true };
    await queue(5);
    const a = await start('50');
    await receiver.waitFor(() => receiver.received.length === 5, 20_000, 'claimed attempts in flight');
    await a.kill9(); // claimed, sent, no answer recorded
    receiver.behaviour = { status: 200 };

    await start('50');
    // The claim (30 s) has to run out first: nobody knows whether the dead process got an answer.
    await receiver.waitFor(() => receiver.deliveredCounts().size === 5, 45_000, 'retried deliveries');
    await new Promise((r) => setTimeout(r, 500));
    expect([...receiver.deliveredCounts().values()]).toEqual(Array(5).fill(1));
    expect(new Set(receiver.received.map((r) => r.deliveryId)).size).toBe(5);
  }, 90_000);
});
