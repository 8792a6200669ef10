/**
 * Remembers which pushes were seen (WeChat resends after 5 s without an answer, up to twice) and the
 * answer given to each, so a resend is never dispatched again and gets the same answer. Bound in
 * message.module.ts: Redis when REDIS_CLIENT is set (shared by every instance), else in-process.
 */
export abstract class MessageDedupeStore {
  /** True for the first caller of `key` within `ttlMs`, on any instance (SET NX). */
  abstract claim(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets a claim whose processing failed, so a resend is processed afresh. */
  abstract release(key: string): Promise<void>;
  /** Keeps the answer given to the first delivery (serialized PlainAnswer). */
  abstract remember(key: string, answer: string, ttlMs: number): Promise<void>;
  abstract recall(key: string): Promise<string | undefined>;
}
