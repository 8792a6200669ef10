import { Injectable } from '@nestjs/common';
import { ComponentConfig } from '../config/config.types.js';
import { ComponentNotConfiguredError } from '../ticket/ticket.errors.js';
import { WechatApiError, isTokenError } from '../wechat/wechat-api.error.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { ComponentTokenService } from './component-token.service.js';

export interface ComponentPostOptions {
  /** False for calls WeChat must not see twice (code exchanges): no transport-level retries. Default true. */
  idempotent?: boolean;
}

/**
 * WeChat's component APIs with `component_access_token` added. A token error (40001/40014/42001)
 * drops the token if it is still current, renews it once and retries once (pitfall 3). The retry is
 * safe even for non-idempotent calls: WeChat rejected the token before doing anything.
 */
@Injectable()
export class ComponentApiService {
  constructor(
    private readonly tokens: ComponentTokenService,
    private readonly http: WechatHttpClient,
    private readonly config: ComponentConfig,
  ) {}

  get componentAppId(): string {
    return this.config.appId;
  }

  post<T>(path: string, body: Record<string, unknown>, opts: ComponentPostOptions = {}): Promise<T> {
    return this.withToken((token) =>
      this.http.postJson<T>(path, body, { query: { component_access_token: token }, idempotent: opts.idempotent }),
    );
  }

  get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return this.withToken((token) =>
      this.http.getJson<T>(path, { query: { ...query, component_access_token: token } }),
    );
  }

  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    if (!this.config.configured) throw new ComponentNotConfiguredError();
    const { accessToken } = await this.tokens.get();
    try {
      return await call(accessToken);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !isTokenError(err.errcode)) throw err;
      const renewed = await this.tokens.renewRejected(accessToken);
      return call(renewed.accessToken);
    }
  }
}
