import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';

/** The value kept under `authorizer-token:<appid>`. */
export interface CachedAuthorizerToken {
  access_token: string;
  /** ISO 8601, UTC: when WeChat stops accepting it. */
  expires_at: string;
}

/**
 * Interim home of the authorizer_access_token that api_query_auth hands out, so the first token of a
 * fresh authorization is not thrown away. Kept in CACHE_MANAGER under `authorizer-token:<appid>` as
 * `{ access_token, expires_at }` with a TTL of its lifetime; the token module replaces this with a
 * table. Revocation drops it (pitfall 14).
 */
@Injectable()
export class AuthorizerTokenCache {
  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}

  async save(appid: string, accessToken: string, expiresInSec: number, now = new Date()): Promise<void> {
    if (!accessToken || !(expiresInSec > 0)) return;
    const value: CachedAuthorizerToken = {
      access_token: accessToken,
      expires_at: new Date(now.getTime() + expiresInSec * 1000).toISOString(),
    };
    await this.cache.set(key(appid), value, expiresInSec * 1000);
  }

  async get(appid: string): Promise<CachedAuthorizerToken | undefined> {
    return (await this.cache.get<CachedAuthorizerToken>(key(appid))) ?? undefined;
  }

  async drop(appid: string): Promise<void> {
    await this.cache.del(key(appid));
  }
}

function key(appid: string): string {
  return `authorizer-token:${appid}`;
}
