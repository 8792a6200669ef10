import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/**
 * Access tokens: opaque, >= 100 chars (real ones are ~140), so gateways that store them in short
 * columns fail here rather than in production. Shape `NN_<base64url>` like WeChat's.
 */
export function newAccessToken(): string {
  return `${randomInt(10, 99)}_${randomBytes(96).toString('base64url')}`;
}

/** Strings WeChat would at least recognise as token-shaped (garbage otherwise answers 40014). */
export function looksLikeAccessToken(value: string): boolean {
  return /^\d{2}_[A-Za-z0-9_-]{100,}$/.test(value);
}

/** The ` rid: …` suffix of WeChat's errmsg, so nobody string-matches messages. */
export function newRid(): string {
  return [8, 8, 8].map((n) => randomBytes(n / 2).toString('hex')).join('-');
}

export function newNonce(): string {
  return String(randomInt(100_000_000, 999_999_999));
}

export function newMsgId(): string {
  return `24${randomInt(100_000_000, 999_999_999)}${randomInt(1_000_000, 9_999_999)}`;
}
