import { Injectable, Logger } from '@nestjs/common';
import { AccountService } from '../account/account.service.js';
import { BadInputError } from '../common/errors/app-errors.js';
import { WechatConfig } from '../config/config.types.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import type { OAuthTokenDto } from './dto/oauth-exchange.dto.js';
import type { OAuthUrlDto, OAuthUrlRequestDto } from './dto/oauth-url.dto.js';
import type { OAuthUserInfoQueryDto } from './dto/oauth-userinfo.dto.js';
import { buildOAuthAuthorizeUrl } from './oauth-url.js';
import { SnsCodeExchangeService } from './sns-code-exchange.service.js';

const EXCHANGE_PATH = '/sns/oauth2/component/access_token';

/** Web OAuth on behalf of an official account, component mode (§8.1). */
@Injectable()
export class OAuthService {
  private readonly logger = new Logger(OAuthService.name);

  constructor(
    private readonly accounts: AccountService,
    private readonly codes: SnsCodeExchangeService,
    private readonly http: WechatHttpClient,
    private readonly wechat: WechatConfig,
  ) {}

  async authorizeUrl(appid: string, req: OAuthUrlRequestDto): Promise<OAuthUrlDto> {
    await this.requireComponentAccount(appid);
    const url = buildOAuthAuthorizeUrl({
      openBaseUrl: this.wechat.openBaseUrl,
      appid,
      redirectUri: req.redirect_uri,
      scope: req.scope,
      state: req.state,
      componentAppid: this.codes.componentAppId,
    });
    return { url };
  }

  /** Idempotent per code for 5 minutes: a duplicate callback gets the first answer, not 40163. */
  async exchange(appid: string, code: string): Promise<OAuthTokenDto> {
    await this.requireComponentAccount(appid);
    const { result, cached } = await this.codes.exchange<OAuthTokenDto>(EXCHANGE_PATH, code, {
      appid,
      code,
      grant_type: 'authorization_code',
    });
    this.logger.log({ appid, endpoint: EXCHANGE_PATH, cached }, 'web OAuth code exchanged');
    return toOAuthTokenDto(result);
  }

  /** sns/userinfo with the user's token (snsapi_userinfo); no account token involved. */
  userInfo(q: OAuthUserInfoQueryDto): Promise<Record<string, unknown>> {
    const query = { access_token: q.access_token, openid: q.openid, lang: q.lang ?? 'zh_CN' };
    return this.http.getJson<Record<string, unknown>>('/sns/userinfo', { query });
  }

  private async requireComponentAccount(appid: string): Promise<void> {
    const account = await this.accounts.get(appid); // 404 for an unknown account
    if (account.source !== 'component') {
      throw new BadInputError(`appid: account ${appid} is not managed through the third-party platform`);
    }
  }
}

function toOAuthTokenDto(r: OAuthTokenDto): OAuthTokenDto {
  return {
    openid: r.openid,
    access_token: r.access_token,
    expires_in: r.expires_in,
    refresh_token: r.refresh_token,
    scope: r.scope,
    ...(r.unionid ? { unionid: r.unionid } : {}),
  };
}
