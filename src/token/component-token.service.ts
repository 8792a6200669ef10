import { Injectable, Logger } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Lock } from '../cache/lock.js';
import { TokenConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ComponentTokenClient } from './component-token.client.js';
import { ComponentTokenStore, type StoredComponentToken } from './component-token.store.js';

export interface ComponentAccessToken {
  accessToken: string;
  expiresAt: Date;
}

/** Long enough for one api_component_token call with its retries and failover. */
const LOCK_TTL_MS = 15_000;

/**
 * The component_access_token: memory, then the database row, then WeChat. A refresh happens under
 * the Lock and re-reads the row first, so however many callers and instances find it stale, WeChat
 * sees one call (pitfall 4); it is refreshed while refreshMarginSec still remain (pitfall 8).
 */
@Injectable()
export class ComponentTokenService {
  private readonly logger = new Logger(ComponentTokenService.name);
  private readonly invalidations: Counter<'kind'>;
  private memory: StoredComponentToken | null = null;
  private loading: Promise<ComponentAccessToken> | null = null;
  /** The last token WeChat rejected: never served again from memory or the row. */
  private rejected?: string;

  constructor(
    private readonly store: ComponentTokenStore,
    private readonly lock: Lock,
    private readonly client: ComponentTokenClient,
    private readonly config: TokenConfig,
    metrics: MetricsService,
  ) {
    this.invalidations = metrics.counter(
      'gateway_token_invalidations_total',
      'Tokens WeChat rejected before they expired (40001/40014/42001: token invalidated externally), by kind',
      ['kind'],
    );
  }

  async get(): Promise<ComponentAccessToken> {
    this.client.assertConfigured();
    if (this.memory && this.usable(this.memory)) return view(this.memory);
    // Single flight inside the process; the Lock in refresh() covers the other instances.
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  /** The current token without refreshing it, or null (status pages). */
  async peek(): Promise<ComponentAccessToken | null> {
    if (!this.client.configured) return null;
    const row = this.memory ?? (await this.store.find(this.client.appId));
    return row && row.expiresAt.getTime() > Date.now() ? view(row) : null;
  }

  /**
   * Fetches a new token unless, once the lock is held, the stored one is fresh and is not
   * `staleToken` (someone renewed it meanwhile).
   */
  refresh(staleToken?: string): Promise<ComponentAccessToken> {
    this.client.assertConfigured();
    const appid = this.client.appId;
    return this.lock.run(`component-token:${appid}`, LOCK_TTL_MS, async () => {
      const row = await this.store.find(appid);
      if (row && this.usable(row) && row.accessToken !== staleToken) return this.keep(row);
      return this.fetchAndStore(appid);
    });
  }

  /** For the background refresher: renews a token that would enter the margin before the next check. */
  async refreshIfDue(): Promise<boolean> {
    if (!(await this.client.hasTicket())) return false;
    const row = await this.store.find(this.client.appId);
    const horizonMs = this.config.refreshCheckIntervalMs;
    if (row && this.usable(row, horizonMs)) return false;
    await this.refresh(row?.accessToken);
    return true;
  }

  /** Drops the token only while it is still the current one (pitfall 3); true when it was. */
  async invalidateIfCurrent(token: string): Promise<boolean> {
    this.rejected = token;
    let dropped = false;
    if (this.memory?.accessToken === token) {
      this.memory = null;
      dropped = true;
    }
    if (this.client.configured && (await this.store.deleteIfCurrent(this.client.appId, token))) dropped = true;
    if (dropped) {
      this.invalidations.inc({ kind: 'component' });
      this.logger.warn('component_access_token invalidated externally (WeChat rejected it before expiry): renewing');
    }
    return dropped;
  }

  /** After WeChat rejected `token`: invalidate it and get the renewed one (one WeChat call in all). */
  async renewRejected(token: string): Promise<ComponentAccessToken> {
    await this.invalidateIfCurrent(token);
    return this.refresh(token);
  }

  private async load(): Promise<ComponentAccessToken> {
    const row = await this.store.find(this.client.appId);
    if (row && this.usable(row)) return this.keep(row);
    return this.refresh();
  }

  private async fetchAndStore(appid: string): Promise<ComponentAccessToken> {
    const fetchedAt = new Date();
    const fetched = await this.client.fetch();
    const token = {
      accessToken: fetched.accessToken,
      fetchedAt,
      expiresAt: new Date(fetchedAt.getTime() + fetched.expiresInSec * 1000),
    };
    if (await this.store.saveIfNewer(appid, token)) return this.keep(token);
    // Only when the lock expired under a slow call: another instance stored a later token, use that one.
    return this.keep((await this.store.find(appid)) ?? token);
  }

  /**
   * Valid beyond the margin (plus `horizonMs`). The margin is capped at half the lifetime, so a short
   * expires_in cannot make every read a refresh.
   */
  private usable(t: StoredComponentToken, horizonMs = 0): boolean {
    if (t.accessToken === this.rejected) return false;
    const lifetimeMs = t.expiresAt.getTime() - t.fetchedAt.getTime();
    const marginMs = Math.min(this.config.refreshMarginSec * 1000, lifetimeMs / 2);
    return t.expiresAt.getTime() - marginMs - horizonMs > Date.now();
  }

  private keep(t: StoredComponentToken): ComponentAccessToken {
    if (!this.memory || this.memory.fetchedAt.getTime() <= t.fetchedAt.getTime()) this.memory = t;
    return view(t);
  }
}

function view(t: StoredComponentToken): ComponentAccessToken {
  return { accessToken: t.accessToken, expiresAt: t.expiresAt };
}
