import type { EntityManager } from 'typeorm';
import type { IssuedAccessToken } from './account.types.js';

/**
 * How the account module reaches the token tables without importing the token module (which sits
 * above it): the token module registers this at start. Both calls run inside the account's own
 * transaction, so a refresh token and the access token issued with it are written together
 * (pitfall 6), and a revocation takes the tokens and tickets with it (pitfall 14).
 */
export interface AccountCredentialsHook {
  saveAccessToken(em: EntityManager, appid: string, token: IssuedAccessToken): Promise<void>;
  /** Deletes every token and ticket of the account and forgets them in memory. */
  purge(em: EntityManager, appid: string): Promise<void>;
}
