import { Injectable } from '@nestjs/common';
import { AuthorizationConfig, HttpConfig, WechatConfig } from '../config/config.types.js';
import { AuthorizationApi } from './authorization.api.js';
import { RedirectNotAllowedError } from './authorization.errors.js';
import { buildAuthorizationUrls, type AuthorizationUrlOptions, type AuthorizationUrls } from './authorization-urls.js';
import { isRedirectAllowed } from './redirect-allow-list.js';

export interface PreAuthCode {
  preAuthCode: string;
  expiresIn: number;
}

/** pre_auth_codes and the authorization page URLs (wechat-open-platform.md §4.3, §5). */
@Injectable()
export class AuthorizationUrlService {
  constructor(
    private readonly api: AuthorizationApi,
    private readonly http: HttpConfig,
    private readonly wechat: WechatConfig,
    private readonly config: AuthorizationConfig,
  ) {}

  /** A fresh code on every call: never cached or shared between visitors (pitfall 15). */
  async createPreAuthCode(): Promise<PreAuthCode> {
    const res = await this.api.createPreAuthCode();
    return { preAuthCode: res.pre_auth_code, expiresIn: res.expires_in };
  }

  /** All URLs for one fresh pre_auth_code. Throws RedirectNotAllowedError before asking WeChat. */
  async buildUrls(opts: AuthorizationUrlOptions): Promise<AuthorizationUrls> {
    this.assertAllowed(opts.redirectUri, 'redirect_uri');
    const { preAuthCode, expiresIn } = await this.createPreAuthCode();
    return buildAuthorizationUrls(
      {
        publicUrl: this.http.publicUrl,
        mpBaseUrl: this.wechat.mpBaseUrl,
        openBaseUrl: this.wechat.openBaseUrl,
        componentAppId: this.api.componentAppId,
      },
      { code: preAuthCode, expiresIn },
      opts,
    );
  }

  /** Absent is fine (the gateway's result page); present must pass the allow-list. */
  assertAllowed(target: string | undefined, field: 'redirect_uri' | 'return_to'): void {
    if (target !== undefined && !isRedirectAllowed(target, this.config.redirectAllowList)) {
      throw new RedirectNotAllowedError(field);
    }
  }
}
