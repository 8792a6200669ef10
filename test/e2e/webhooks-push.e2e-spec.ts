import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_KEY } from '../support/create-test-app.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';
import { subscribe } from '../support/webhook-messages.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { verifyWebhookSignature } from '../../src/webhook/webhook-signature.js';

const OA = 'wxdemoofficial0001';

/** Through the message URL: a simulator push reaches the webhooks, and the reply subscriber's answer reaches WeChat. */
describe('webhooks behind the message URL (simulator push)', () => {
  let gw: SimGateway;
  let replier: WebhookReceiver;
  let listener: WebhookReceiver;

  beforeAll(async () => {
    gw = await startSimGateway({ WEBHOOK_POLL_INTERVAL_MS: '20', WEBHOOK_REPLY_DEADLINE_MS: '1500' });
    await gw.sim.pushTicket();
    await gw.sim.authorizeDirectly(OA);
    replier = await WebhookReceiver.start();
    listener = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await gw.close();
    await Promise.all([replier.stop(), listener.stop()]);
  });

  it('answers WeChat with the reply subscriber’s text and delivers the message to the async subscriber once', async () => {
    replier.behaviour = { status: 200, body: JSON.stringify({ type: 'text', content: 'hello from the app' }) };
    await subscribe(gw.app, ADMIN_KEY, { url: replier.url, mode: 'reply', msg_types: ['text'] });
    const sub = await subscribe(gw.app, ADMIN_KEY, { url: listener.url, mode: 'async' });

    const push = await gw.sim.pushMessage(OA, { MsgType: 'text', Content: 'hi gateway' });
    expect(push.ok).toBe(true);
    expect(push.reply.kind).toBe('xml');
    expect(push.reply.fields?.Content).toBe('hello from the app');
    expect(replier.received).toHaveLength(1);

    await listener.waitFor(() => listener.delivered().length === 1);
    const got = listener.delivered()[0];
    expect(verifyWebhookSignature(sub.secret, got.raw, got.timestamp, got.signature)).toBe(true);
    expect(got.body).toMatchObject({
      appid: OA,
      msg_type: 'text',
      fields: expect.objectContaining({ Content: 'hi gateway' }),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(listener.received).toHaveLength(1);
  });
});
