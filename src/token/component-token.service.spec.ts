import { describe, expect, it } from '@jest/globals';
import { MemoryLock } from '../cache/memory-lock.js';
import { UnavailableError } from '../common/errors/app-errors.js';
import type { TokenConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ComponentNotConfiguredError } from '../ticket/ticket.errors.js';
import type { ComponentTokenClient, FetchedComponentToken } from './component-token.client.js';
import { ComponentTokenService } from './component-token.service.js';
import { ComponentTokenStore, type StoredComponentToken } from './component-token.store.js';

const APPID = 'wxcomponent0000001';
const MARGIN_SEC = 900;

class FakeStore extends ComponentTokenStore {
  row: StoredComponentToken | null = null;
  async find(): Promise<StoredComponentToken | null> {
    return this.row && { ...this.row };
  }
  async saveIfNewer(_appid: string, t: StoredComponentToken): Promise<boolean> {
    if (this.row && this.row.fetchedAt.getTime() >= t.fetchedAt.getTime()) return false;
    this.row = { ...t };
    return true;
  }
  async deleteIfCurrent(_appid: string, token: string): Promise<boolean> {
    if (this.row?.accessToken !== token) return false;
    this.row = null;
    return true;
  }
}

/** Issues tok-1, tok-2…; each fetch takes a few ticks, so concurrent callers really overlap. */
class FakeClient {
  configured = true;
  appId = APPID;
  ticket = true;
  fetches = 0;
  expiresInSec = 7200;
  assertConfigured(): void {
    if (!this.configured) throw new ComponentNotConfiguredError();
  }
  async hasTicket(): Promise<boolean> {
    return this.ticket;
  }
  async fetch(): Promise<FetchedComponentToken> {
    if (!this.ticket) throw new UnavailableError('no component_verify_ticket received yet');
    this.fetches++;
    const n = this.fetches;
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return { accessToken: `tok-${n}`, expiresInSec: this.expiresInSec };
  }
}

function setup() {
  const store = new FakeStore();
  const client = new FakeClient();
  const metrics = new MetricsService();
  const config: TokenConfig = {
    refreshMarginSec: MARGIN_SEC,
    refreshCheckIntervalMs: 60_000,
    refreshJitterSec: 0,
    refreshConcurrency: 8,
  };
  const service = new ComponentTokenService(
    store,
    new MemoryLock(),
    client as unknown as ComponentTokenClient,
    config,
    metrics,
  );
  return { store, client, metrics, service };
}

const stored = (accessToken: string, remainingSec: number, lifetimeSec = 7200): StoredComponentToken => {
  const expiresAt = new Date(Date.now() + remainingSec * 1000);
  return { accessToken, expiresAt, fetchedAt: new Date(expiresAt.getTime() - lifetimeSec * 1000) };
};

describe('ComponentTokenService', () => {
  it('makes one WeChat call for 50 concurrent readers and stores the token', async () => {
    const { service, client, store } = setup();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => service.get()));
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['tok-1']));
    expect(client.fetches).toBe(1);
    expect(store.row?.accessToken).toBe('tok-1');
    expect(store.row!.expiresAt.getTime() - store.row!.fetchedAt.getTime()).toBe(7200_000);
  });

  it('makes one WeChat call for 20 concurrent refreshes of the same stale token', async () => {
    const { service, client, store } = setup();
    store.row = stored('tok-old', 3000);
    await Promise.all(Array.from({ length: 20 }, () => service.refresh('tok-old')));
    expect(client.fetches).toBe(1);
  });

  it('uses a stored token that is valid beyond the margin without calling WeChat (restart)', async () => {
    const { service, client, store } = setup();
    store.row = stored('tok-db', MARGIN_SEC + 60);
    await expect(service.get()).resolves.toMatchObject({ accessToken: 'tok-db' });
    expect(client.fetches).toBe(0);
  });

  it('refreshes a token with less than the margin left', async () => {
    const { service, client, store } = setup();
    store.row = stored('tok-db', MARGIN_SEC - 60);
    await expect(service.get()).resolves.toMatchObject({ accessToken: 'tok-1' });
    expect(client.fetches).toBe(1);
  });

  it('caps the margin at half the lifetime, so a short-lived token is not refreshed on every read', async () => {
    const { service, client, store } = setup();
    store.row = stored('tok-short', 600, 1000); // 600 s left: inside the 900 s margin, beyond half of 1000 s
    await expect(service.get()).resolves.toMatchObject({ accessToken: 'tok-short' });
    store.row = stored('tok-short2', 600, 1000);
    await expect(service.refresh('tok-other')).resolves.toMatchObject({ accessToken: 'tok-short2' });
    expect(client.fetches).toBe(0);
  });

  it('returns a token renewed meanwhile instead of fetching again (re-check under the lock)', async () => {
    const { service, client, store } = setup();
    store.row = stored('tok-renewed-elsewhere', 7000);
    await expect(service.refresh('tok-stale')).resolves.toMatchObject({ accessToken: 'tok-renewed-elsewhere' });
    await expect(service.refresh('tok-renewed-elsewhere')).resolves.toMatchObject({ accessToken: 'tok-1' });
    expect(client.fetches).toBe(1);
  });

  it('never calls WeChat without a ticket', async () => {
    const { service, client } = setup();
    client.ticket = false;
    await expect(service.get()).rejects.toBeInstanceOf(UnavailableError);
    await expect(service.refreshIfDue()).resolves.toBe(false);
    expect(client.fetches).toBe(0);
  });

  it('refuses when the component is not configured', async () => {
    const { service, client } = setup();
    client.configured = false;
    await expect(service.get()).rejects.toBeInstanceOf(ComponentNotConfiguredError);
  });

  describe('invalidateIfCurrent', () => {
    it('drops the token only while it is the current one, and counts it', async () => {
      const { service, store, metrics } = setup();
      await service.get();
      await expect(service.invalidateIfCurrent('tok-other')).resolves.toBe(false);
      expect(store.row?.accessToken).toBe('tok-1');
      await expect(service.invalidateIfCurrent('tok-1')).resolves.toBe(true);
      expect(store.row).toBeNull();
      await expect(service.invalidateIfCurrent('tok-1')).resolves.toBe(false);
      expect(await metrics.registry.metrics()).toContain('gateway_token_invalidations_total{kind="component"} 1');
    });

    it('lets many callers that saw the same rejected token cause one renewal', async () => {
      const { service, client } = setup();
      const { accessToken } = await service.get();
      const renewed = await Promise.all(Array.from({ length: 10 }, () => service.renewRejected(accessToken)));
      expect(new Set(renewed.map((t) => t.accessToken))).toEqual(new Set(['tok-2']));
      expect(client.fetches).toBe(2);
      await expect(service.get()).resolves.toMatchObject({ accessToken: 'tok-2' });
    });

    it('does not touch a newer token stored by another instance', async () => {
      const { service, store } = setup();
      await service.get();
      store.row = stored('tok-from-elsewhere', 7000);
      await expect(service.invalidateIfCurrent('tok-1')).resolves.toBe(true); // our memory still had it
      expect(store.row?.accessToken).toBe('tok-from-elsewhere');
      await expect(service.get()).resolves.toMatchObject({ accessToken: 'tok-from-elsewhere' });
    });
  });

  describe('refreshIfDue', () => {
    it('renews a token that would enter the margin before the next check, once', async () => {
      const { service, client, store } = setup();
      store.row = stored('tok-db', MARGIN_SEC + 30); // the check interval is 60 s
      await expect(service.refreshIfDue()).resolves.toBe(true);
      await expect(service.refreshIfDue()).resolves.toBe(false);
      expect(client.fetches).toBe(1);
      expect(store.row?.accessToken).toBe('tok-1');
    });

    it('leaves a fresh token alone', async () => {
      const { service, client, store } = setup();
      store.row = stored('tok-db', 5000);
      await expect(service.refreshIfDue()).resolves.toBe(false);
      expect(client.fetches).toBe(0);
    });
  });
});
