import type { PassiveReply } from '../xml/passive-reply.js';

/**
 * One message or event WeChat pushed to the message URL, decrypted and parsed, as the message
 * module hands it to the webhook module. Field names mirror WeChat's XML (§6.2); `fields` keeps
 * every field, unknown ones included.
 */
export interface InboundMessage {
  /** Stable across WeChat's resends of the same push (MsgId, or FromUserName+CreateTime+Event+EventKey). */
  dedupeKey: string;
  /** The account the push is for (the appid in the URL path). */
  appid: string;
  /** Set when the push came through the third-party platform. */
  componentAppid: string | null;
  /** ToUserName: the account's original id (gh_…). */
  toUserName: string;
  /** FromUserName: the user's openid. */
  fromUserName: string;
  createTime: number;
  msgType: string;
  /** For MsgType event. */
  event: string | null;
  /** MsgId as a string (a 64-bit integer), when present. */
  msgId: string | null;
  fields: Record<string, unknown>;
  /** Whether WeChat sent it encrypted (the passive reply is then encrypted too). */
  encrypted: boolean;
  receivedAt: Date;
}

/** What the webhook module answers for one inbound message. */
export interface DispatchResult {
  /** A passive reply from a `reply`-mode subscriber that answered in time; null otherwise. */
  reply: PassiveReply | null;
  /** How many `async` deliveries were written durably before WeChat gets its answer. */
  queued: number;
}

/**
 * The port the message module calls. WebhookModule binds it; `dispatch` must have written every
 * async delivery durably before it resolves (the answer to WeChat follows), and must resolve within
 * the reply deadline whatever the subscribers do.
 */
export abstract class InboundDispatcher {
  abstract dispatch(message: InboundMessage): Promise<DispatchResult>;
}
