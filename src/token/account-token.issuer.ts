import { Injectable, Logger } from '@nestjs/common';
import { AccountNeedsReauthorizationError, AccountNotAuthorizedError } from '../account/account.errors.js';
import { AccountService } from '../account/account.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import type { StoredAccountToken } from './account-token.store.js';
import { AuthorizerTokenClient } from './authorizer-token.client.js';
import { DirectTokenClient } from './direct-token.client.js';
import type { FetchedAccountToken } from './fetched-account-token.js';
import { TokenMetrics, type RefreshKind } from './token.metrics.js';

/**
 * Gets a new token from WeChat for any account (component or direct) and stores it, with a rotated
 * refresh token, in one transaction before anyone can use it (pitfall 6). Callers hold the lock.
 */
@Injectable()
export class AccountTokenIssuer {
  private readonly logger = new Logger(AccountTokenIssuer.name);

  constructor(
    private readonly accounts: AccountService,
    private readonly authorizer: AuthorizerTokenClient,
    private readonly direct: DirectTokenClient,
    private readonly metrics: TokenMetrics,
  ) {}

  /** Throws NotFoundError, AccountNotAuthorizedError or AccountNeedsReauthorizationError. */
  async assertUsable(appid: string): Promise<void> {
    await this.accounts.getUsable(appid);
  }

  /** `forceRefresh`: a caller reported the current token as rejected (stable_token's force_refresh). */
  async issue(appid: string, forceRefresh: boolean): Promise<StoredAccountToken> {
    const account = await this.accounts.getUsable(appid);
    const kind: RefreshKind = account.source === 'direct' ? 'direct' : 'authorizer';
    const fetchedAt = new Date();
    try {
      const fetched: FetchedAccountToken =
        kind === 'direct' ? await this.direct.fetch(appid, forceRefresh) : await this.authorizer.fetch(appid);
      const token = {
        accessToken: fetched.accessToken,
        fetchedAt,
        expiresAt: new Date(fetchedAt.getTime() + fetched.expiresInSec * 1000),
      };
      await this.accounts.saveIssuedTokens(appid, { accessToken: token, refreshToken: fetched.refreshToken });
      this.metrics.refresh(kind, fetched.recovered ? 'recovered' : 'ok');
      this.logger.log({ appid, kind, expiresIn: fetched.expiresInSec }, 'account access token fetched');
      return token;
    } catch (err) {
      this.metrics.refresh(kind, resultOf(err));
      this.logger.warn({ appid, kind, error: (err as Error).message }, 'account access token fetch failed');
      throw err;
    }
  }
}

function resultOf(err: unknown): string {
  if (err instanceof AccountNotAuthorizedError) return 'not_authorized';
  if (err instanceof AccountNeedsReauthorizationError) return 'needs_reauthorization';
  return err instanceof WechatApiError ? 'wechat_error' : 'error';
}
