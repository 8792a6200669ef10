import type { InboundMessage } from './webhook.types.js';

/** What a subscription wants; null in a field means "every". Values are kept in lower case. */
export interface WebhookFilter {
  msgTypes: readonly string[] | null;
  events: readonly string[] | null;
  appids: readonly string[] | null;
}

/**
 * Whether a message passes a subscription's filter. MsgType and Event are compared without case:
 * WeChat spells events both ways (`subscribe`, `CLICK`, `LOCATION`). `events` narrows MsgType
 * `event` only; given alone (no msg_types) it means "only these events".
 */
export function matchesFilter(
  filter: WebhookFilter,
  message: Pick<InboundMessage, 'appid' | 'msgType' | 'event'>,
): boolean {
  if (filter.appids && !filter.appids.includes(message.appid)) return false;
  const msgType = message.msgType.toLowerCase();
  const msgTypes = filter.msgTypes ?? (filter.events ? ['event'] : null);
  if (msgTypes && !msgTypes.includes(msgType)) return false;
  if (msgType !== 'event' || !filter.events) return true;
  return message.event !== null && filter.events.includes(message.event.toLowerCase());
}

/** The stored, space-separated form of a filter list (null: every). */
export function joinList(values: readonly string[] | null | undefined, lower: boolean): string | null {
  if (!values || values.length === 0) return null;
  return [...new Set(values.map((v) => (lower ? v.toLowerCase() : v)))].join(' ');
}

export function splitList(stored: string | null): string[] | null {
  if (!stored) return null;
  const values = stored.split(' ').filter(Boolean);
  return values.length > 0 ? values : null;
}
