import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WebhookConfig } from '../config/config.types.js';
import type { PassiveReply } from '../xml/passive-reply.js';
import { WebhookDeliveryStore, type NewDelivery } from './webhook-delivery.store.js';
import { matchesFilter } from './webhook-filter.js';
import { buildWebhookPayload } from './webhook-payload.js';
import { WebhookReplyClient } from './webhook-reply.client.js';
import { WebhookSubscriptionCache, type ActiveSubscription } from './webhook-subscription.cache.js';
import { InboundDispatcher, type DispatchResult, type InboundMessage } from './webhook.types.js';

/**
 * Hands one authentic, de-duplicated message to the subscribers. Async subscriptions get one row
 * each in the delivery queue, written in one INSERT before this resolves (the message module answers
 * WeChat right after, so a crash from then on loses nothing); the worker sends them. The first
 * matching reply subscription (creation order) is asked for the passive reply meanwhile, bounded by
 * WEBHOOK_REPLY_DEADLINE_MS. A failed INSERT rejects: WeChat then gets no `success` and resends.
 */
@Injectable()
export class WebhookDispatcher extends InboundDispatcher {
  constructor(
    private readonly subscriptions: WebhookSubscriptionCache,
    private readonly store: WebhookDeliveryStore,
    private readonly replies: WebhookReplyClient,
    private readonly config: WebhookConfig,
  ) {
    super();
  }

  async dispatch(message: InboundMessage): Promise<DispatchResult> {
    const started = Date.now();
    const matching = (await this.subscriptions.all()).filter((s) => s.enabled && matchesFilter(s.filter, message));
    const replySub = matching.find((s) => s.mode === 'reply');
    const remaining = this.config.replyDeadlineMs - (Date.now() - started);
    const reply: Promise<PassiveReply | null> = replySub
      ? this.replies.ask(replySub, message, remaining)
      : Promise.resolve(null);
    const deliveries = matching.filter((s) => s.mode === 'async').map((s) => toDelivery(s, message));
    try {
      await this.store.enqueue(deliveries);
    } catch (err) {
      await reply; // never rejects; do not leave it running unobserved
      throw err;
    }
    return { reply: await reply, queued: deliveries.length };
  }
}

function toDelivery(sub: ActiveSubscription, message: InboundMessage): NewDelivery {
  const id = randomUUID();
  return {
    id,
    subscriptionId: sub.id,
    appid: message.appid,
    msgType: message.msgType.slice(0, 32),
    event: message.event ? message.event.slice(0, 64) : null,
    payload: buildWebhookPayload(id, 'async', message),
  };
}
