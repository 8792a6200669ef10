import type { WebhookMode } from './entities/webhook-subscription.entity.js';
import type { InboundMessage } from './webhook.types.js';

/**
 * The JSON body a subscriber receives (snake_case like the rest of the API). Built once per delivery
 * and stored as is, so every attempt sends the same bytes; `delivery_id` repeats the
 * X-Wechat-Gateway-Delivery header, the receiver's idempotency key.
 */
export function buildWebhookPayload(deliveryId: string, mode: WebhookMode, m: InboundMessage): string {
  return JSON.stringify({
    delivery_id: deliveryId,
    mode,
    appid: m.appid,
    component_appid: m.componentAppid,
    to_user_name: m.toUserName,
    from_user_name: m.fromUserName,
    create_time: m.createTime,
    msg_type: m.msgType,
    event: m.event,
    msg_id: m.msgId,
    dedupe_key: m.dedupeKey,
    encrypted: m.encrypted,
    received_at: m.receivedAt.toISOString(),
    fields: m.fields,
  });
}
