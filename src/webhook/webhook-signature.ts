import { createHmac, timingSafeEqual } from 'node:crypto';

export const DELIVERY_HEADER = 'X-Wechat-Gateway-Delivery';
export const TIMESTAMP_HEADER = 'X-Wechat-Gateway-Timestamp';
export const SIGNATURE_HEADER = 'X-Wechat-Gateway-Signature';

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`: the timestamp is signed so a replay can be dated. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** The headers of one signed request; `now` in milliseconds. */
export function signedHeaders(secret: string, deliveryId: string, body: string, now: number): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    'content-type': 'application/json',
    [DELIVERY_HEADER]: deliveryId,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
  };
}

/**
 * What a receiver does (documented in the README): recompute over the raw body, compare in constant
 * time, refuse timestamps further than `toleranceSec` from now.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  opts: { now?: number; toleranceSec?: number } = {},
): boolean {
  if (!timestampHeader || !signatureHeader || !/^\d{1,12}$/.test(timestampHeader)) return false;
  const timestamp = Number(timestampHeader);
  const nowSec = Math.floor((opts.now ?? Date.now()) / 1000);
  if (Math.abs(nowSec - timestamp) > (opts.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signatureHeader);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
