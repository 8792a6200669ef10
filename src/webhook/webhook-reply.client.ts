import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PassiveReply } from '../xml/passive-reply.js';
import { buildWebhookPayload } from './webhook-payload.js';
import { parseWebhookReply } from './webhook-reply.parser.js';
import type { ActiveSubscription } from './webhook-subscription.cache.js';
import { WebhookHttpClient } from './webhook-http.client.js';
import { WebhookMetrics, type DeliveryResult } from './webhook.metrics.js';
import type { InboundMessage } from './webhook.types.js';

/**
 * Asks the reply-mode subscriber for the passive reply. Never throws and never outlasts `timeoutMs`:
 * whatever goes wrong, the answer is null (the message module then answers WeChat `success`) and the
 * reason is logged, without the message or the answer.
 */
@Injectable()
export class WebhookReplyClient {
  private readonly logger = new Logger(WebhookReplyClient.name);

  constructor(
    private readonly http: WebhookHttpClient,
    private readonly metrics: WebhookMetrics,
  ) {}

  async ask(sub: ActiveSubscription, message: InboundMessage, timeoutMs: number): Promise<PassiveReply | null> {
    const deliveryId = randomUUID();
    const started = Date.now();
    const context = { subscriptionId: sub.id, deliveryId, appid: message.appid, msgType: message.msgType };
    const done = (result: DeliveryResult, reply: PassiveReply | null, why?: string): PassiveReply | null => {
      this.metrics.observe('reply', result, Date.now() - started);
      if (why) this.logger.warn({ ...context, result, reason: why }, 'webhook reply not used; WeChat gets success');
      return reply;
    };
    if (timeoutMs <= 0) return done('timeout', null, 'no time left before the reply deadline');
    let res;
    try {
      res = await this.http.post({
        url: sub.url,
        secret: sub.secret,
        deliveryId,
        body: buildWebhookPayload(deliveryId, 'reply', message),
        timeoutMs,
        readBody: true,
      });
    } catch (err) {
      const why = (err as Error).message;
      return done(why.startsWith('no answer') ? 'timeout' : 'error', null, why);
    }
    if (res.statusCode < 200 || res.statusCode >= 300) return done('error', null, `HTTP ${res.statusCode}`);
    if (res.statusCode === 204 || res.body.trim() === '') return done('no_reply', null);
    try {
      return done('replied', parseWebhookReply(JSON.parse(res.body)));
    } catch (err) {
      const why = err instanceof SyntaxError ? 'the answer is not JSON' : (err as Error).message;
      return done('invalid', null, why);
    }
  }
}
