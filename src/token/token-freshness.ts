/** What a token or ticket carries about its lifetime. */
export interface Expiring {
  expiresAt: Date;
  fetchedAt: Date;
}

/**
 * Valid beyond the margin (plus `horizonMs`): never serve a token WeChat is about to expire (pitfall 8).
 * The margin is capped at half the lifetime, so a short expires_in (stable_token hands out tokens
 * with as little as 300 s left) cannot make every read a refresh.
 */
export function freshBeyond(t: Expiring, marginSec: number, horizonMs = 0, now = Date.now()): boolean {
  const lifetimeMs = t.expiresAt.getTime() - t.fetchedAt.getTime();
  const marginMs = Math.min(marginSec * 1000, lifetimeMs / 2);
  return t.expiresAt.getTime() - marginMs - horizonMs > now;
}
