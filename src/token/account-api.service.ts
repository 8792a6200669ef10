import { Injectable } from '@nestjs/common';
import { WechatApiError, isTokenError } from '../wechat/wechat-api.error.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { AccountTokenService } from './account-token.service.js';

export interface AccountPostOptions {
  /** False for calls WeChat must not see twice (custom send): no transport-level retries. Default true. */
  idempotent?: boolean;
  /** Extra query parameters; access_token is added. */
  query?: Record<string, string>;
}

/**
 * WeChat's account APIs with the account's `access_token` added. A token error (40001/40014/42001)
 * drops the token if it is still current, renews it once (one WeChat call however many callers saw
 * it fail) and retries once (pitfall 3). Safe for non-idempotent calls: WeChat rejected the token
 * before doing anything.
 */
@Injectable()
export class AccountApiService {
  constructor(
    private readonly tokens: AccountTokenService,
    private readonly http: WechatHttpClient,
  ) {}

  post<T>(appid: string, path: string, body: Record<string, unknown>, opts: AccountPostOptions = {}): Promise<T> {
    return this.withToken(appid, (token) =>
      this.http.postJson<T>(path, body, {
        query: { ...opts.query, access_token: token },
        idempotent: opts.idempotent,
      }),
    );
  }

  get<T>(appid: string, path: string, query: Record<string, string> = {}): Promise<T> {
    return this.withToken(appid, (token) => this.http.getJson<T>(path, { query: { ...query, access_token: token } }));
  }

  private async withToken<T>(appid: string, call: (token: string) => Promise<T>): Promise<T> {
    const { accessToken } = await this.tokens.get(appid);
    try {
      return await call(accessToken);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !isTokenError(err.errcode)) throw err;
      await this.tokens.invalidateIfCurrent(appid, accessToken);
      const renewed = await this.tokens.refresh(appid, accessToken);
      return call(renewed.accessToken);
    }
  }
}
