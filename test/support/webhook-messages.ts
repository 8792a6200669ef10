import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { InboundDispatcher, type DispatchResult, type InboundMessage } from '../../src/webhook/webhook.types.js';

export const WEBHOOK_APPID = 'wx00000000000hook1';

let seq = 0;

/** An inbound text message (or event) as the message module would hand it over. */
export function inboundMessage(over: Partial<InboundMessage> = {}): InboundMessage {
  seq += 1;
  const createTime = 1_767_225_600 + seq;
  return {
    dedupeKey: `msg-${seq}-${Math.random()}`,
    appid: WEBHOOK_APPID,
    componentAppid: null,
    toUserName: 'gh_0123456789ab',
    fromUserName: 'oUser0000000000000000000001',
    createTime,
    msgType: 'text',
    event: null,
    msgId: String(24_000_000_000_000_000n + BigInt(seq)),
    fields: { Content: `hello ${seq}` },
    encrypted: true,
    receivedAt: new Date(),
    ...over,
  };
}

export function dispatch(app: INestApplication, message: InboundMessage): Promise<DispatchResult> {
  return app.get(InboundDispatcher).dispatch(message);
}

/** Creates a subscription through the API with the given key; answers the created body. */
export async function subscribe(
  app: INestApplication,
  key: string,
  body: Record<string, unknown>,
): Promise<{ id: string; secret: string } & Record<string, unknown>> {
  const res = await request(app.getHttpServer()).post('/api/webhooks').auth(key, { type: 'bearer' }).send(body);
  if (res.status !== 201) throw new Error(`subscribe failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; secret: string };
}

export async function deliveries(
  app: INestApplication,
  key: string,
  subscriptionId: string,
  query = '',
): Promise<{ items: Record<string, unknown>[]; total: number }> {
  const res = await request(app.getHttpServer())
    .get(`/api/webhooks/${subscriptionId}/deliveries?page_size=100${query}`)
    .auth(key, { type: 'bearer' });
  if (res.status !== 200) throw new Error(`deliveries failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { items: Record<string, unknown>[]; total: number };
}

export async function until(check: () => Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
