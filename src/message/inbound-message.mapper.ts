import { createHash } from 'node:crypto';
import type { InboundMessage } from '../webhook/webhook.types.js';
import { RejectedMessageError } from './message.errors.js';

export interface InboundContext {
  appid: string;
  componentAppid: string | null;
  encrypted: boolean;
  receivedAt: Date;
}

/**
 * Ids that tell apart events sharing user, second, Event and EventKey: MsgID of template and
 * mass-send reports, trace_id of mini-program media checks (WxJava #2231: a key without them
 * dropped events).
 */
const EVENT_ID_FIELDS = ['MsgID', 'trace_id', 'Ticket'] as const;
const PLAIN_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** The decrypted fields as the webhook port's InboundMessage; 400 when the header fields are missing. */
export function toInboundMessage(fields: Record<string, unknown>, ctx: InboundContext): InboundMessage {
  const toUserName = text(fields.ToUserName);
  const fromUserName = text(fields.FromUserName);
  const msgType = text(fields.MsgType);
  if (!toUserName || !fromUserName || !msgType) {
    throw new RejectedMessageError('rejected_malformed', 'ToUserName, FromUserName and MsgType are required');
  }
  const createTime = Number(text(fields.CreateTime) ?? '');
  return {
    dedupeKey: dedupeKeyOf(ctx.appid, fields),
    appid: ctx.appid,
    componentAppid: ctx.componentAppid,
    toUserName,
    fromUserName,
    createTime: Number.isSafeInteger(createTime) && createTime >= 0 ? createTime : 0,
    msgType,
    event: msgType === 'event' ? (text(fields.Event) ?? null) : null,
    msgId: text(fields.MsgId) ?? null,
    fields,
    encrypted: ctx.encrypted,
    receivedAt: ctx.receivedAt,
  };
}

/**
 * Stable across WeChat's resends (§6.3, pitfall 13): MsgId when present (a 64-bit integer, kept as
 * text), else FromUserName + CreateTime + MsgType/Event + EventKey + the event-specific ids. Always
 * prefixed by the appid (MsgIds are per account); long or odd parts are hashed so the key stays short.
 */
export function dedupeKeyOf(appid: string, fields: Record<string, unknown>): string {
  const msgId = text(fields.MsgId);
  if (msgId !== undefined) return `${appid}:m:${PLAIN_ID.test(msgId) ? msgId : digest([msgId])}`;
  const parts = [
    text(fields.FromUserName) ?? '',
    text(fields.CreateTime) ?? '',
    text(fields.MsgType) ?? '',
    text(fields.Event) ?? '',
    text(fields.EventKey) ?? '',
    ...EVENT_ID_FIELDS.map((name) => `${name}=${text(fields[name]) ?? ''}`),
  ];
  return `${appid}:e:${digest(parts)}`;
}

function digest(parts: readonly string[]): string {
  // JSON keeps the boundaries: ["a","bc"] and ["ab","c"] must not collide.
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
