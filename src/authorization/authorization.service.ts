import { Inject, Injectable, Logger } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import { createHash } from 'node:crypto';
import { AccountService } from '../account/account.service.js';
import type { UpsertAuthorizedInput } from '../account/account.types.js';
import type { AccountEntity } from '../account/entities/account.entity.js';
import { BadInputError } from '../common/errors/app-errors.js';
import { Lock } from '../cache/lock.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { AuthorizationApi } from './authorization.api.js';
import { AuthorizationMetrics } from './authorization.metrics.js';
import { toAccountInfo, toFuncIds } from './authorizer-info.mapper.js';
import type { QueryAuthResponse } from './wechat-authorization.types.js';

/** How long the result of one code is remembered: the push and the browser callback carry the same code. */
const CODE_RESULT_TTL_MS = 10 * 60_000;
const CODE_LOCK_TTL_MS = 20_000;
const ACCOUNT_LOCK_TTL_MS = 10_000;
/** 61009 invalid / 61010 expired authorization code (§4.4); 61003 the account no longer authorizes us. */
const INVALID_CODE = new Set([61009, 61010]);
const NOT_AUTHORIZED = 61003;

export type AuthorizationSource = 'push' | 'callback';

/** Authorization codes → stored accounts, and re-reading an account's info from WeChat. */
@Injectable()
export class AuthorizationService {
  private readonly logger = new Logger(AuthorizationService.name);

  constructor(
    private readonly api: AuthorizationApi,
    private readonly accounts: AccountService,
    private readonly lock: Lock,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly metrics: AuthorizationMetrics,
  ) {}

  /**
   * Idempotent per code, across instances: codes are single use (61009 on reuse) and never retried
   * (pitfall 18), while the `authorized` push and the browser callback race with the same code. The
   * first caller exchanges it; the others wait on the lock and get the remembered account.
   */
  async exchangeAuthorizationCode(code: string, source: AuthorizationSource): Promise<AccountEntity> {
    const key = `auth-code:${sha256(code)}`;
    try {
      const result = await this.lock.run(key, CODE_LOCK_TTL_MS, async () => {
        const done = await this.cache.get<{ appid: string }>(key);
        if (done) return { account: await this.accounts.get(done.appid), cached: true };
        const account = await this.exchange(code);
        await this.cache.set(key, { appid: account.appid }, CODE_RESULT_TTL_MS);
        return { account, cached: false };
      });
      this.metrics.authorization(source, result.cached ? 'cached' : 'ok');
      return result.account;
    } catch (err) {
      const invalid = err instanceof WechatApiError && INVALID_CODE.has(err.errcode);
      this.metrics.authorization(source, invalid ? 'invalid_code' : 'error');
      throw err;
    }
  }

  /** Re-reads a stored component account from api_get_authorizer_info: info, granted sets, refresh token. */
  async syncAccount(appid: string): Promise<AccountEntity> {
    const account = await this.accounts.get(appid);
    if (account.source !== 'component') {
      throw new BadInputError(`account ${appid} is not managed through the third-party platform`);
    }
    return this.readFromWechat(appid);
  }

  /**
   * Stores an account from api_get_authorizer_info, known or not (reconciliation: authorized while we
   * missed the push). `listedRefreshToken` (from api_get_authorizer_list) is used when the info has none.
   */
  async readFromWechat(appid: string, listedRefreshToken?: string): Promise<AccountEntity> {
    try {
      const res = await this.api.getAuthorizerInfo(appid);
      return await this.store({
        appid,
        componentAppid: this.api.componentAppId,
        info: toAccountInfo(res.authorizer_info),
        funcIds: res.authorization_info?.func_info ? toFuncIds(res.authorization_info.func_info) : undefined,
        refreshToken: res.authorization_info?.authorizer_refresh_token || listedRefreshToken || undefined,
      });
    } catch (err) {
      // 61003: the owner revoked and we missed the push; stop using the account (pitfall 14).
      if (err instanceof WechatApiError && err.errcode === NOT_AUTHORIZED) {
        await this.accounts.markRevoked(appid, new Date());
      }
      throw err;
    }
  }

  private async exchange(code: string): Promise<AccountEntity> {
    const fetchedAt = new Date();
    const { authorization_info: auth } = await this.api.queryAuth(code);
    const appid = auth.authorizer_appid;
    const input: UpsertAuthorizedInput = {
      appid,
      componentAppid: this.api.componentAppId,
      funcIds: toFuncIds(auth.func_info),
      refreshToken: auth.authorizer_refresh_token,
      // The first access token of the authorization, stored with the refresh token (pitfall 6).
      accessToken:
        auth.authorizer_access_token && auth.expires_in
          ? {
              accessToken: auth.authorizer_access_token,
              expiresAt: new Date(fetchedAt.getTime() + auth.expires_in * 1000),
              fetchedAt,
            }
          : undefined,
      authorizedAt: new Date(),
    };
    await this.completeFromInfo(input, auth);
    this.logger.log({ appid, kind: input.info?.kind, funcIds: input.funcIds }, 'authorization code exchanged');
    return this.store(input);
  }

  /**
   * Adds kind and display fields from api_get_authorizer_info. The code is already spent, so a failure
   * here must not lose the refresh token: the account is stored without info and a sync fills it in.
   */
  private async completeFromInfo(input: UpsertAuthorizedInput, auth: QueryAuthResponse['authorization_info']) {
    try {
      const res = await this.api.getAuthorizerInfo(input.appid);
      input.info = toAccountInfo(res.authorizer_info);
      if (!auth.authorizer_refresh_token) input.refreshToken = res.authorization_info?.authorizer_refresh_token;
    } catch (err) {
      this.logger.warn(
        { appid: input.appid, err: (err as Error).message },
        'authorizer info not readable after the exchange; stored without it, sync later',
      );
    }
  }

  private store(input: UpsertAuthorizedInput): Promise<AccountEntity> {
    return this.lock.run(`account:${input.appid}`, ACCOUNT_LOCK_TTL_MS, () => this.accounts.upsertAuthorized(input));
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}
