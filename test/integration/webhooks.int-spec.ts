import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';
import { deliveries, dispatch, inboundMessage, subscribe, until } from '../support/webhook-messages.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Two gateway instances on one MySQL/MariaDB database and one Redis, both polling for due
 * deliveries every 20 ms: the conditional-UPDATE claim hands every attempt to one of them.
 */
/** Each instance re-reads subscriptions at least every 5 s; the one that made the change at once. */
const otherInstanceSees = (): Promise<void> => new Promise((r) => setTimeout(r, 5_200));

async function deliveredBy(app: INestApplication): Promise<number> {
  const text = (await request(app.getHttpServer()).get('/metrics')).text;
  const m = /gateway_webhook_deliveries_total\{mode="async",result="delivered"\} (\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

describe('webhook delivery with two instances (MySQL + Redis)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let a: INestApplication;
  let b: INestApplication;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    db = await createScratchDatabase();
    receiver = await WebhookReceiver.start();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: scratchRedisPrefix(),
      WEBHOOK_POLL_INTERVAL_MS: '20',
      WEBHOOK_BACKOFF_BASE_MS: '50',
    };
    a = await createTestApp(env);
    b = await createTestApp(env);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await receiver?.stop();
    await db?.drop();
  });

  it('delivers 200 queued messages, each exactly once, from both instances', async () => {
    const sub = await subscribe(a, ADMIN_KEY, { url: receiver.url, mode: 'async' });
    await otherInstanceSees();
    receiver.behaviour = { status: 200, delayMs: 5 };
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => dispatch(i % 2 ? a : b, inboundMessage())));
    expect(results.every((r) => r.queued === 1)).toBe(true);
    await receiver.waitFor(() => receiver.deliveredCounts().size === 200, 60_000, '200 deliveries');
    await new Promise((r) => setTimeout(r, 500));
    const counts = receiver.deliveredCounts();
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(receiver.received).toHaveLength(200); // not even a second attempt
    const log = await deliveries(b, ADMIN_KEY, sub.id, '&status=delivered');
    expect(log.total).toBe(200);
    expect(log.items.every((d) => d.attempts === 1)).toBe(true);
    // Both instances took part; their counts add up to 200, so no attempt was made twice.
    const sent = await Promise.all([a, b].map(deliveredBy));
    expect(sent.every((n) => n > 0)).toBe(true);
    expect(sent[0] + sent[1]).toBe(200);
    await request(a.getHttpServer()).delete(`/api/webhooks/${sub.id}`).auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
  }, 90_000);

  it('keeps retrying while the receiver is down and delivers everything once when it is back', async () => {
    receiver.received.length = 0;
    const sub = await subscribe(b, ADMIN_KEY, { url: receiver.url, mode: 'async' });
    await otherInstanceSees();
    await receiver.down();
    await Promise.all(Array.from({ length: 20 }, (_, i) => dispatch(i % 2 ? a : b, inboundMessage())));
    const failed = async (): Promise<boolean> =>
      (await deliveries(a, ADMIN_KEY, sub.id, '&status=failed')).items.filter((d) => (d.attempts as number) >= 2)
        .length === 20;
    await until(failed, 20_000, 'two refused attempts each');
    receiver.behaviour = { status: 503 };
    await receiver.up();
    await receiver.waitFor(() => receiver.received.length >= 20, 20_000, 'attempts answered 503');
    receiver.behaviour = { status: 200 };
    await until(async () => (await deliveries(a, ADMIN_KEY, sub.id, '&status=delivered')).total === 20, 30_000);
    const ids = (await deliveries(a, ADMIN_KEY, sub.id)).items.map((d) => d.id as string);
    const counts = receiver.deliveredCounts();
    expect(ids.map((id) => counts.get(id))).toEqual(Array(20).fill(1));
  }, 90_000);
});
