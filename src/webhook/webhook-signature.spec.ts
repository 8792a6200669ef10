import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
  signedHeaders,
  verifyWebhookSignature,
} from './webhook-signature.js';

const SECRET = 'whsec_test_secret_0123456789';
const BODY = '{"delivery_id":"d1","content":"你好"}';
const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of "timestamp.body" (UTF-8)', () => {
    const expected = createHmac('sha256', SECRET)
      .update(Buffer.from(`1767225600.${BODY}`, 'utf8'))
      .digest('hex');
    expect(signWebhook(SECRET, 1767225600, BODY)).toBe(`sha256=${expected}`);
  });

  it('puts delivery id, unix-second timestamp and signature in the headers', () => {
    const h = signedHeaders(SECRET, 'd1', BODY, NOW + 999);
    expect(h[DELIVERY_HEADER]).toBe('d1');
    expect(h[TIMESTAMP_HEADER]).toBe('1767225600');
    expect(h[SIGNATURE_HEADER]).toBe(signWebhook(SECRET, 1767225600, BODY));
  });

  it('verifies what it signs and nothing altered', () => {
    const h = signedHeaders(SECRET, 'd1', BODY, NOW);
    const check = (secret: string, body: string, ts = h[TIMESTAMP_HEADER], sig = h[SIGNATURE_HEADER]) =>
      verifyWebhookSignature(secret, body, ts, sig, { now: NOW });
    expect(check(SECRET, BODY)).toBe(true);
    expect(check('another-secret-0123456789', BODY)).toBe(false);
    expect(check(SECRET, BODY.replace('d1', 'd2'))).toBe(false);
    expect(check(SECRET, BODY, '1767225601')).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, undefined, h[SIGNATURE_HEADER], { now: NOW })).toBe(false);
    expect(check(SECRET, BODY, '')).toBe(false);
    expect(check(SECRET, BODY, h[TIMESTAMP_HEADER], 'sha256=00')).toBe(false);
  });

  it('refuses timestamps outside the tolerance (replays)', () => {
    const h = signedHeaders(SECRET, 'd1', BODY, NOW - 301_000);
    expect(verifyWebhookSignature(SECRET, BODY, h[TIMESTAMP_HEADER], h[SIGNATURE_HEADER], { now: NOW })).toBe(false);
    expect(
      verifyWebhookSignature(SECRET, BODY, h[TIMESTAMP_HEADER], h[SIGNATURE_HEADER], { now: NOW, toleranceSec: 600 }),
    ).toBe(true);
  });
});
