import { Injectable, Logger } from '@nestjs/common';
import { Lock } from '../cache/lock.js';
import { TokenConfig } from '../config/config.types.js';
import { AccountTokenIssuer } from './account-token.issuer.js';
import { AccountTokenStore, type StoredAccountToken } from './account-token.store.js';
import { freshBeyond } from './token-freshness.js';
import { TokenMetrics } from './token.metrics.js';

export interface AccessToken {
  accessToken: string;
  expiresAt: Date;
}

/** Long enough for api_authorizer_token plus a recovery through info and list, with retries. */
const LOCK_TTL_MS = 30_000;
/**
 * How long this instance trusts its memory before re-reading the row: a token replaced, invalidated
 * or purged (revocation) on another instance stops being served here within this time.
 */
const MEMORY_TRUST_MS = 10_000;

interface Remembered {
  token: StoredAccountToken;
  readAt: number;
}

interface RenewOptions {
  /** Renew even if the stored token is fresh, unless it differs from `stale`. */
  forced: boolean;
  stale?: string;
  /** stable_token's force_refresh: only when a caller reported the current token as rejected. */
  wechatForce: boolean;
}

/**
 * Access tokens of every account (authorizer tokens of component accounts, stable/classic tokens of
 * direct ones): memory, then the row, then WeChat. Renewals run under `account-token:<appid>` and
 * re-read the row first, so one stale token reported by any number of callers on any number of
 * instances costs one WeChat call (pitfall 4).
 */
@Injectable()
export class AccountTokenService {
  private readonly logger = new Logger(AccountTokenService.name);
  private readonly memory = new Map<string, Remembered>();
  private readonly loading = new Map<string, Promise<AccessToken>>();
  /** The last token WeChat rejected per account: never served again from memory or the row. */
  private readonly rejected = new Map<string, string>();
  private readonly droppedListeners: ((appid: string) => Promise<void>)[] = [];

  constructor(
    private readonly store: AccountTokenStore,
    private readonly lock: Lock,
    private readonly issuer: AccountTokenIssuer,
    private readonly config: TokenConfig,
    private readonly metrics: TokenMetrics,
  ) {}

  async get(appid: string): Promise<AccessToken> {
    const m = this.memory.get(appid);
    if (m && Date.now() - m.readAt < MEMORY_TRUST_MS && this.usable(appid, m.token)) return view(m.token);
    // Single flight inside the process; the Lock in renew() covers the other instances.
    let pending = this.loading.get(appid);
    if (!pending) {
      pending = this.load(appid).finally(() => this.loading.delete(appid));
      this.loading.set(appid, pending);
    }
    return pending;
  }

  /**
   * A new token from WeChat. With `staleToken`: only while that is still the current token; when it was
   * already replaced, the current one is returned without calling WeChat.
   */
  refresh(appid: string, staleToken?: string): Promise<AccessToken> {
    return this.renew(appid, { forced: true, stale: staleToken, wechatForce: staleToken !== undefined });
  }

  /** For the background refresher: renews `seen` unless someone already did. Throws for unusable accounts. */
  async refreshDue(appid: string, seen: string): Promise<boolean> {
    await this.issuer.assertUsable(appid);
    return (await this.renew(appid, { forced: true, stale: seen, wechatForce: false })).accessToken !== seen;
  }

  /** Drops the token only while it is still the current one (pitfall 3); true when it was. */
  async invalidateIfCurrent(appid: string, token: string): Promise<boolean> {
    this.rejected.set(appid, token);
    let dropped = false;
    if (this.memory.get(appid)?.token.accessToken === token) {
      this.memory.delete(appid);
      dropped = true;
    }
    if (await this.store.deleteIfCurrent(appid, token)) dropped = true;
    if (dropped) {
      this.metrics.invalidated();
      this.logger.warn({ appid }, 'account access token invalidated externally (WeChat rejected it before expiry)');
      // Tickets go with their token: whoever replaced it may have replaced them too.
      await Promise.all(this.droppedListeners.map((listener) => listener(appid)));
    }
    return dropped;
  }

  /** Called with the appid whenever a token is invalidated. */
  onInvalidated(listener: (appid: string) => Promise<void>): void {
    this.droppedListeners.push(listener);
  }

  /** A token stored by someone else in this process (api_query_auth at authorization). */
  remember(appid: string, token: StoredAccountToken): void {
    this.keep(appid, token);
  }

  /** The account was revoked or removed: nothing of it stays in memory. */
  forget(appid: string): void {
    this.memory.delete(appid);
    this.rejected.delete(appid);
  }

  private async load(appid: string): Promise<AccessToken> {
    await this.issuer.assertUsable(appid);
    const row = await this.store.find(appid);
    if (row && this.usable(appid, row)) return this.keep(appid, row);
    return this.renew(appid, { forced: false, wechatForce: false });
  }

  private renew(appid: string, opts: RenewOptions): Promise<AccessToken> {
    return this.lock.run(`account-token:${appid}`, LOCK_TTL_MS, async () => {
      const row = await this.store.find(appid);
      if (row && this.usable(appid, row)) {
        if (!opts.forced) return this.keep(appid, row); // renewed while we waited for the lock
        if (opts.stale !== undefined && row.accessToken !== opts.stale) return this.keep(appid, row);
      }
      return this.keep(appid, await this.issuer.issue(appid, opts.wechatForce));
    });
  }

  private usable(appid: string, t: StoredAccountToken): boolean {
    return t.accessToken !== this.rejected.get(appid) && freshBeyond(t, this.config.refreshMarginSec);
  }

  /** Remembers `t` unless memory holds a later fetch; answers whichever is newer. */
  private keep(appid: string, t: StoredAccountToken): AccessToken {
    const current = this.memory.get(appid);
    const newer = current && current.token.fetchedAt.getTime() > t.fetchedAt.getTime() ? current.token : t;
    this.memory.set(appid, { token: newer, readAt: Date.now() });
    return view(newer);
  }
}

function view(t: StoredAccountToken): AccessToken {
  return { accessToken: t.accessToken, expiresAt: t.expiresAt };
}
