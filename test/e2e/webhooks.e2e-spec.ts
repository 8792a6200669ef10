import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { verifyWebhookSignature } from '../../src/webhook/webhook-signature.js';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { WEBHOOK_APPID, deliveries, dispatch, inboundMessage, subscribe, until } from '../support/webhook-messages.js';

const FAST = { WEBHOOK_POLL_INTERVAL_MS: '20', WEBHOOK_BACKOFF_BASE_MS: '20', WEBHOOK_REPLY_DEADLINE_MS: '600' };

async function createKey(app: INestApplication, scopes: string[]): Promise<string> {
  const res = await request(app.getHttpServer())
    .post('/api/keys')
    .auth(ADMIN_KEY, { type: 'bearer' })
    .send({ name: `webhooks-${scopes.join('-')}`, scopes });
  return (res.body as { key: string }).key;
}

describe('webhooks (SQLite, in-process)', () => {
  let app: INestApplication;
  let receiver: WebhookReceiver;
  let hooksKey: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    app = await createTestApp(FAST);
    hooksKey = await createKey(app, ['webhooks']);
  });
  afterEach(async () => {
    receiver.behaviour = { status: 200 };
    receiver.received.length = 0;
    await receiver.up();
    const { body } = await api().get('/api/webhooks').auth(ADMIN_KEY, { type: 'bearer' });
    for (const s of body as { id: string }[])
      await api().delete(`/api/webhooks/${s.id}`).auth(ADMIN_KEY, { type: 'bearer' });
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  describe('subscriptions API', () => {
    it('needs a key with the webhooks scope', async () => {
      await api().get('/api/webhooks').expect(401);
      const tokensKey = await createKey(app, ['tokens:read']);
      await api().get('/api/webhooks').auth(tokensKey, { type: 'bearer' }).expect(403);
      await api().get('/api/webhooks').auth(hooksKey, { type: 'bearer' }).expect(200);
    });

    it('creates with a generated secret shown once, lists, reads, patches and deletes', async () => {
      const created = await subscribe(app, hooksKey, {
        url: receiver.url,
        mode: 'async',
        msg_types: ['text', 'EVENT'],
      });
      expect(created).toMatchObject({
        url: receiver.url,
        mode: 'async',
        msg_types: ['text', 'event'],
        events: null,
        appids: null,
        enabled: true,
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
      const auth = { type: 'bearer' } as const;
      const list = await api().get('/api/webhooks').auth(hooksKey, auth).expect(200);
      expect(list.body).toHaveLength(1);
      expect(JSON.stringify(list.body)).not.toContain(created.secret);
      const one = await api().get(`/api/webhooks/${created.id}`).auth(hooksKey, auth).expect(200);
      expect(one.body).not.toHaveProperty('secret');
      const patched = await api()
        .patch(`/api/webhooks/${created.id}`)
        .auth(hooksKey, auth)
        .send({ msg_types: null, events: ['subscribe'], appids: [WEBHOOK_APPID], enabled: false })
        .expect(200);
      expect(patched.body).toMatchObject({
        msg_types: null,
        events: ['subscribe'],
        appids: [WEBHOOK_APPID],
        enabled: false,
      });
      expect(JSON.stringify(patched.body)).not.toContain(created.secret);
      await api().delete(`/api/webhooks/${created.id}`).auth(hooksKey, auth).expect(200);
      await api().get(`/api/webhooks/${created.id}`).auth(hooksKey, auth).expect(404);
    });

    it('refuses bad input, naming the field', async () => {
      const post = (body: object) => api().post('/api/webhooks').auth(hooksKey, { type: 'bearer' }).send(body);
      expect((await post({ url: 'ftp://example.com/x', mode: 'async' }).expect(400)).body.message).toMatch(/url/);
      expect((await post({ url: receiver.url, mode: 'sometimes' }).expect(400)).body.message).toMatch(/mode/);
      expect((await post({ url: receiver.url, mode: 'async', secret: 'short' }).expect(400)).body.message).toMatch(
        /secret/,
      );
      expect((await post({ url: receiver.url, mode: 'async', appids: ['nope'] }).expect(400)).body.message).toMatch(
        /appids/,
      );
      await api().get('/api/webhooks/not-a-uuid').auth(hooksKey, { type: 'bearer' }).expect(400);
    });
  });

  it('delivers async messages signed with the secret, once, with the delivery id as idempotency key', async () => {
    const secret = 'a-long-shared-secret-for-tests';
    const sub = await subscribe(app, hooksKey, { url: receiver.url, mode: 'async', secret });
    expect(sub.secret).toBe(secret);
    const message = inboundMessage({ fields: { Content: '你好' } });
    const result = await dispatch(app, message);
    expect(result).toEqual({ reply: null, queued: 1 });
    await receiver.waitFor(() => receiver.delivered().length === 1);
    const got = receiver.delivered()[0];
    expect(verifyWebhookSignature(secret, got.raw, got.timestamp, got.signature)).toBe(true);
    expect(verifyWebhookSignature('another-secret-000000', got.raw, got.timestamp, got.signature)).toBe(false);
    expect(got.body).toMatchObject({
      delivery_id: got.deliveryId,
      mode: 'async',
      appid: WEBHOOK_APPID,
      msg_type: 'text',
      msg_id: message.msgId,
      from_user_name: message.fromUserName,
      fields: { Content: '你好' },
    });
    await until(async () => (await deliveries(app, hooksKey, sub.id)).items[0]?.status === 'delivered');
    const log = await deliveries(app, hooksKey, sub.id);
    expect(log.items).toEqual([
      expect.objectContaining({
        id: got.deliveryId,
        status: 'delivered',
        attempts: 1,
        last_status_code: 200,
        last_error: null,
        next_attempt_at: null,
        delivered_at: expect.any(String),
      }),
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(1);
  });

  it('queues only for matching, enabled subscriptions', async () => {
    await subscribe(app, hooksKey, { url: receiver.url, mode: 'async', events: ['subscribe'] });
    await subscribe(app, hooksKey, { url: receiver.url, mode: 'async', appids: ['wx00000000000other'] });
    await subscribe(app, hooksKey, { url: receiver.url, mode: 'async', enabled: false });
    await subscribe(app, hooksKey, { url: receiver.url, mode: 'async', msg_types: ['text'] });
    expect((await dispatch(app, inboundMessage())).queued).toBe(1);
    expect((await dispatch(app, inboundMessage({ msgType: 'event', event: 'subscribe' }))).queued).toBe(1);
    expect((await dispatch(app, inboundMessage({ msgType: 'event', event: 'CLICK' }))).queued).toBe(0);
  });

  it('keeps retrying while the receiver refuses connections or answers 500, and delivers everything once it is back', async () => {
    const sub = await subscribe(app, hooksKey, { url: receiver.url, mode: 'async' });
    await receiver.down();
    const sent = await Promise.all(Array.from({ length: 5 }, () => dispatch(app, inboundMessage())));
    expect(sent.every((r) => r.queued === 1)).toBe(true);
    const failedWith = async (pattern: RegExp) =>
      (await deliveries(app, hooksKey, sub.id, '&status=failed')).items.filter((d) =>
        pattern.test(`${d.last_status_code} ${d.last_error}`),
      ).length === 5;
    await until(() => failedWith(/ECONNREFUSED/), 10_000, 'refused attempts');
    receiver.behaviour = { status: 500 };
    await receiver.up();
    await until(() => failedWith(/^500 HTTP 500/), 15_000, 'attempts answered 500');
    const log = await deliveries(app, hooksKey, sub.id);
    expect(log.items.every((d) => (d.attempts as number) >= 2 && d.next_attempt_at !== null)).toBe(true);
    receiver.behaviour = { status: 204 };
    await until(async () => (await deliveries(app, hooksKey, sub.id, '&status=delivered')).total === 5, 20_000);
    const ids = (await deliveries(app, hooksKey, sub.id)).items.map((d) => d.id as string);
    const counts = receiver.deliveredCounts();
    expect(ids.map((id) => counts.get(id))).toEqual([1, 1, 1, 1, 1]);
  }, 40_000);

  describe('reply mode', () => {
    it('turns a JSON answer in time into the passive reply; the first reply subscription wins', async () => {
      await subscribe(app, hooksKey, { url: receiver.url, mode: 'reply' });
      const other = await WebhookReceiver.start();
      other.behaviour = { status: 200, body: JSON.stringify({ type: 'text', content: 'from the second' }) };
      await subscribe(app, hooksKey, { url: other.url, mode: 'reply' });
      receiver.behaviour = {
        status: 200,
        body: JSON.stringify({ type: 'news', articles: [{ title: 'T', url: 'https://a.example/1' }] }),
      };
      const result = await dispatch(app, inboundMessage());
      expect(result).toEqual({
        reply: { type: 'news', articles: [expect.objectContaining({ title: 'T', url: 'https://a.example/1' })] },
        queued: 0,
      });
      const asked = receiver.received.at(-1)!;
      expect(asked.body.mode).toBe('reply');
      expect(other.received).toHaveLength(0);
      await other.stop();
    });

    it('answers null within the deadline when the subscriber is too slow', async () => {
      await subscribe(app, hooksKey, { url: receiver.url, mode: 'reply' });
      receiver.behaviour = { status: 200, body: JSON.stringify({ type: 'text', content: 'late' }), delayMs: 2000 };
      const started = Date.now();
      const result = await dispatch(app, inboundMessage());
      const took = Date.now() - started;
      expect(result.reply).toBeNull();
      expect(took).toBeGreaterThanOrEqual(550);
      expect(took).toBeLessThan(1200);
    });

    it.each([
      ['a non-2xx status', { status: 502, body: JSON.stringify({ type: 'text', content: 'x' }) }],
      ['invalid JSON', { status: 200, body: '<xml>no</xml>' }],
      ['an unknown reply type', { status: 200, body: JSON.stringify({ type: 'sticker' }) }],
      ['an empty answer', { status: 200, body: '' }],
    ])('answers null for %s', async (_case, behaviour) => {
      await subscribe(app, hooksKey, { url: receiver.url, mode: 'reply' });
      receiver.behaviour = behaviour;
      expect((await dispatch(app, inboundMessage())).reply).toBeNull();
    });

    it('queues async subscriptions while asking the reply subscription', async () => {
      await subscribe(app, hooksKey, { url: receiver.url, mode: 'reply' });
      await subscribe(app, hooksKey, { url: receiver.url, mode: 'async' });
      receiver.behaviour = { status: 200, body: JSON.stringify({ type: 'transfer_customer_service' }) };
      expect(await dispatch(app, inboundMessage())).toEqual({
        reply: { type: 'transfer_customer_service' },
        queued: 1,
      });
    });
  });

  it('counts deliveries in /metrics', async () => {
    const text = (await api().get('/metrics').expect(200)).text;
    expect(text).toMatch(/gateway_webhook_deliveries_total\{mode="async",result="delivered"\} [1-9]/);
    expect(text).toMatch(/gateway_webhook_deliveries_total\{mode="reply",result="replied"\} [1-9]/);
    expect(text).toMatch(/gateway_webhook_deliveries_total\{mode="reply",result="timeout"\} [1-9]/);
    expect(text).toMatch(/gateway_webhook_queue\{status="dead"\} 0/);
    expect(text).toMatch(/gateway_webhook_delivery_duration_seconds_count\{mode="async"\} [1-9]/);
  });
});

describe('webhooks dead letters', () => {
  let app: INestApplication;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    app = await createTestApp({ ...FAST, WEBHOOK_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('gives up after the last attempt, then replays dead deliveries and single ones', async () => {
    const sub = await subscribe(app, ADMIN_KEY, { url: receiver.url, mode: 'async' });
    receiver.behaviour = { status: 500 };
    await Promise.all([dispatch(app, inboundMessage()), dispatch(app, inboundMessage())]);
    await until(async () => (await deliveries(app, ADMIN_KEY, sub.id, '&status=dead')).total === 2, 10_000, 'dead');
    const dead = await deliveries(app, ADMIN_KEY, sub.id, '&status=dead');
    expect(dead.items.every((d) => d.attempts === 3 && d.last_status_code === 500 && d.next_attempt_at === null)).toBe(
      true,
    );
    expect(receiver.received).toHaveLength(6);
    const metrics = (await request(app.getHttpServer()).get('/metrics')).text;
    expect(metrics).toMatch(/gateway_webhook_queue\{status="dead"\} 2/);
    expect(metrics).toMatch(/gateway_webhook_deliveries_total\{mode="async",result="dead"\} 2/);

    receiver.behaviour = { status: 200 };
    const replay = await request(app.getHttpServer())
      .post(`/api/webhooks/${sub.id}/deliveries/replay-dead`)
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(replay.body).toEqual({ replayed: 2 });
    await until(async () => (await deliveries(app, ADMIN_KEY, sub.id, '&status=delivered')).total === 2, 10_000);
    expect(new Set(receiver.delivered().map((r) => r.deliveryId))).toEqual(new Set(dead.items.map((d) => d.id)));

    const one = dead.items[0].id as string;
    const again = await request(app.getHttpServer())
      .post(`/api/webhooks/${sub.id}/deliveries/${one}/replay`)
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(again.body).toMatchObject({ id: one, status: 'pending', attempts: 0 });
    await receiver.waitFor(() => receiver.deliveredCounts().get(one) === 2);
    await request(app.getHttpServer())
      .post(`/api/webhooks/${sub.id}/deliveries/00000000-0000-4000-8000-000000000000/replay`)
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(404);
  }, 30_000);
});
