import { describe, expect, it } from '@jest/globals';
import { AccountNotAuthorizedError } from '../account/account.errors.js';
import { MemoryLock } from '../cache/memory-lock.js';
import type { TokenConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { AccountTokenIssuer } from './account-token.issuer.js';
import { AccountTokenService } from './account-token.service.js';
import type { StoredAccountToken } from './account-token.store.js';
import { FakeAccountTokenStore } from './testing/fake-account-token.store.js';
import { TokenMetrics } from './token.metrics.js';

const APPID = 'wxaccount000000001';

/** Issues tok-1, tok-2… into the store (as the real issuer does through AccountService); each takes a few ticks. */
class FakeIssuer {
  issued = 0;
  forced: boolean[] = [];
  revoked = false;
  constructor(private readonly store: FakeAccountTokenStore) {}
  async assertUsable(appid: string): Promise<void> {
    if (this.revoked) throw new AccountNotAuthorizedError(appid);
  }
  async issue(appid: string, forceRefresh: boolean): Promise<StoredAccountToken> {
    await this.assertUsable(appid);
    this.forced.push(forceRefresh);
    const n = ++this.issued;
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const fetchedAt = new Date(Date.now() + n); // strictly later per fetch, as WeChat calls are
    const token = { accessToken: `tok-${n}`, fetchedAt, expiresAt: new Date(fetchedAt.getTime() + 7200_000) };
    await this.store.saveIfNewer(appid, token);
    return token;
  }
}

function setup() {
  const store = new FakeAccountTokenStore();
  const issuer = new FakeIssuer(store);
  const config: TokenConfig = {
    refreshMarginSec: 900,
    refreshCheckIntervalMs: 60_000,
    refreshJitterSec: 0,
    refreshConcurrency: 8,
  };
  const metrics = new MetricsService();
  const service = new AccountTokenService(
    store,
    new MemoryLock(),
    issuer as unknown as AccountTokenIssuer,
    config,
    new TokenMetrics(metrics),
  );
  return { store, issuer, service, metrics };
}

describe('AccountTokenService', () => {
  it('fetches once for concurrent readers, then serves from memory and the row', async () => {
    const { issuer, service } = setup();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => service.get(APPID)));
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['tok-1']));
    expect(issuer.issued).toBe(1);
    expect(issuer.forced).toEqual([false]); // a normal read never forces stable_token
  });

  it('renews once for 100 concurrent refreshes reporting the same stale token', async () => {
    const { issuer, service } = setup();
    const stale = (await service.get(APPID)).accessToken;
    const results = await Promise.all(Array.from({ length: 100 }, () => service.refresh(APPID, stale)));
    expect(issuer.issued).toBe(2);
    expect(new Set(results.map((t) => t.accessToken))).toEqual(new Set(['tok-2']));
    expect(issuer.forced).toEqual([false, true]);
  });

  it('returns the current token without calling WeChat when the stale token was already replaced', async () => {
    const { issuer, service } = setup();
    await service.get(APPID);
    const current = await service.refresh(APPID); // unconditional
    expect(current.accessToken).toBe('tok-2');
    expect((await service.refresh(APPID, 'tok-1')).accessToken).toBe('tok-2');
    expect(issuer.issued).toBe(2);
  });

  it('invalidates only the current token, and never serves a rejected one again', async () => {
    const { store, issuer, service, metrics } = setup();
    await service.get(APPID);
    expect(await service.invalidateIfCurrent(APPID, 'tok-0')).toBe(false);
    expect(store.rows.get(APPID)?.accessToken).toBe('tok-1');
    expect(await service.invalidateIfCurrent(APPID, 'tok-1')).toBe(true);
    expect(store.rows.has(APPID)).toBe(false);
    expect((await service.get(APPID)).accessToken).toBe('tok-2');
    expect(issuer.issued).toBe(2);
    expect(await metrics.registry.getSingleMetricAsString('gateway_token_invalidations_total')).toContain(
      'gateway_token_invalidations_total{kind="account"} 1',
    );
  });

  it('tells listeners (the tickets) when a token was invalidated', async () => {
    const { service } = setup();
    const dropped: string[] = [];
    service.onInvalidated(async (appid) => void dropped.push(appid));
    await service.get(APPID);
    await service.invalidateIfCurrent(APPID, 'tok-1');
    expect(dropped).toEqual([APPID]);
  });

  it('renews a token inside the margin on read', async () => {
    const { store, issuer, service } = setup();
    const fetchedAt = new Date(Date.now() - 6500_000);
    store.rows.set(APPID, { accessToken: 'old', fetchedAt, expiresAt: new Date(fetchedAt.getTime() + 7200_000) });
    expect((await service.get(APPID)).accessToken).toBe('tok-1');
    expect(issuer.issued).toBe(1);
  });

  it('refuses a revoked account and forgets what it remembered', async () => {
    const { issuer, service } = setup();
    await service.get(APPID);
    issuer.revoked = true;
    service.forget(APPID);
    await expect(service.get(APPID)).rejects.toBeInstanceOf(AccountNotAuthorizedError);
    await expect(service.refreshDue(APPID, 'tok-1')).rejects.toBeInstanceOf(AccountNotAuthorizedError);
    expect(issuer.issued).toBe(1);
  });
});
