import type { EntityManager } from 'typeorm';

export interface StoredAccountToken {
  accessToken: string;
  expiresAt: Date;
  fetchedAt: Date;
}

export interface ExpiringAccountToken extends StoredAccountToken {
  appid: string;
}

/**
 * Durable account access tokens. `em` joins the caller's transaction (the account module writes a
 * rotated refresh token in the same one, pitfall 6).
 */
export abstract class AccountTokenStore {
  abstract find(appid: string): Promise<StoredAccountToken | null>;

  /** Writes unless a token fetched at the same time or later is stored (pitfall 4). True when written. */
  abstract saveIfNewer(appid: string, token: StoredAccountToken, em?: EntityManager): Promise<boolean>;

  /** Deletes the stored token only while it is still `accessToken` (compare-and-delete). */
  abstract deleteIfCurrent(appid: string, accessToken: string): Promise<boolean>;

  abstract deleteAll(appid: string, em?: EntityManager): Promise<void>;

  /** Tokens expiring before `before`, soonest first, at most `limit` (the background refresher). */
  abstract listExpiringBefore(before: Date, limit: number): Promise<ExpiringAccountToken[]>;
}
