import { Injectable } from '@nestjs/common';
import { AccountNeedsReauthorizationError, AccountNotAuthorizedError } from '../account/account.errors.js';
import { AccountService } from '../account/account.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { ComponentApiService } from './component-api.service.js';
import { parseTokenAnswer, type FetchedAccountToken } from './fetched-account-token.js';
import { RefreshTokenRecovery } from './refresh-token-recovery.service.js';

const TOKEN_PATH = '/cgi-bin/component/api_authorizer_token';
/** §4.5 / §9: 61023 refresh token invalid (recoverable), 61003 the account revoked (not). */
const REFRESH_TOKEN_INVALID = 61023;
const NOT_AUTHORIZED = 61003;

const isErrcode = (err: unknown, code: number): boolean => err instanceof WechatApiError && err.errcode === code;

/**
 * authorizer_access_token from api_authorizer_token with the stored refresh token; a missing or
 * rejected refresh token goes through RefreshTokenRecovery once before giving up.
 */
@Injectable()
export class AuthorizerTokenClient {
  constructor(
    private readonly component: ComponentApiService,
    private readonly accounts: AccountService,
    private readonly recovery: RefreshTokenRecovery,
  ) {}

  async fetch(appid: string): Promise<FetchedAccountToken> {
    const stored = await this.accounts.getRefreshToken(appid);
    if (!stored) return this.withRecovered(appid, null);
    try {
      return await this.call(appid, stored);
    } catch (err) {
      if (!isErrcode(err, REFRESH_TOKEN_INVALID)) throw await this.revokedOr(appid, err);
      return this.withRecovered(appid, stored);
    }
  }

  private async withRecovered(appid: string, rejected: string | null): Promise<FetchedAccountToken> {
    const recovered = await this.recovery.recover(appid, rejected);
    try {
      return { ...(await this.call(appid, recovered)), recovered: true };
    } catch (err) {
      if (!isErrcode(err, REFRESH_TOKEN_INVALID)) throw await this.revokedOr(appid, err);
      await this.accounts.markNeedsReauthorization(appid);
      throw new AccountNeedsReauthorizationError(appid);
    }
  }

  private async call(appid: string, refreshToken: string): Promise<FetchedAccountToken> {
    const answer = await this.component.post<Record<string, unknown>>(TOKEN_PATH, {
      component_appid: this.component.componentAppId,
      authorizer_appid: appid,
      authorizer_refresh_token: refreshToken,
    });
    const { value, expiresInSec } = parseTokenAnswer(answer, 'authorizer_access_token', TOKEN_PATH);
    const rotated = answer.authorizer_refresh_token;
    return {
      accessToken: value,
      expiresInSec,
      refreshToken: typeof rotated === 'string' && rotated ? rotated : refreshToken,
    };
  }

  /** 61003: the owner revoked and the push was missed; stop using the account (pitfall 14). */
  private async revokedOr(appid: string, err: unknown): Promise<unknown> {
    if (!isErrcode(err, NOT_AUTHORIZED)) return err;
    await this.accounts.markRevoked(appid, new Date());
    return new AccountNotAuthorizedError(appid);
  }
}
