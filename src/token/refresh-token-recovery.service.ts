import { Injectable, Logger } from '@nestjs/common';
import { AccountNeedsReauthorizationError, AccountNotAuthorizedError } from '../account/account.errors.js';
import { AccountService } from '../account/account.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { ComponentApiService } from './component-api.service.js';

const INFO_PATH = '/cgi-bin/component/api_get_authorizer_info';
const LIST_PATH = '/cgi-bin/component/api_get_authorizer_list';
/** §4.7: at most 500 per page. */
const LIST_PAGE = 500;
const NOT_AUTHORIZED = 61003;

interface InfoAnswer {
  authorization_info?: { authorizer_refresh_token?: string };
}
interface ListAnswer {
  total_count?: number;
  list?: { authorizer_appid?: string; refresh_token?: string }[];
}

/**
 * A lost or rejected (61023) authorizer refresh token is recovered before anyone has to re-authorize
 * (pitfall 5): api_get_authorizer_info first (§4.6, one call), then api_get_authorizer_list (§4.7,
 * paged). Only when both answer without a usable token is the account marked needs_reauthorization.
 */
@Injectable()
export class RefreshTokenRecovery {
  private readonly logger = new Logger(RefreshTokenRecovery.name);

  constructor(
    private readonly component: ComponentApiService,
    private readonly accounts: AccountService,
  ) {}

  /** A refresh token other than `rejected`, stored; or AccountNeedsReauthorizationError / AccountNotAuthorizedError. */
  async recover(appid: string, rejected: string | null): Promise<string> {
    const fromInfo = await this.fromInfo(appid);
    if (fromInfo && fromInfo !== rejected) return this.keep(appid, fromInfo, 'api_get_authorizer_info');
    const fromList = await this.fromList(appid);
    if (fromList && fromList !== rejected) return this.keep(appid, fromList, 'api_get_authorizer_list');
    await this.accounts.markNeedsReauthorization(appid);
    throw new AccountNeedsReauthorizationError(appid);
  }

  private async fromInfo(appid: string): Promise<string | undefined> {
    try {
      const res = await this.component.post<InfoAnswer>(INFO_PATH, {
        component_appid: this.component.componentAppId,
        authorizer_appid: appid,
      });
      return res.authorization_info?.authorizer_refresh_token || undefined;
    } catch (err) {
      if (err instanceof WechatApiError && err.errcode === NOT_AUTHORIZED) {
        await this.accounts.markRevoked(appid, new Date());
        throw new AccountNotAuthorizedError(appid);
      }
      // One community report has the field missing; the list is the documented second way.
      this.logger.warn({ appid, error: (err as Error).message }, 'refresh token recovery: authorizer info failed');
      return undefined;
    }
  }

  private async fromList(appid: string): Promise<string | undefined> {
    for (let offset = 0; ; offset += LIST_PAGE) {
      const res = await this.component.post<ListAnswer>(LIST_PATH, {
        component_appid: this.component.componentAppId,
        offset,
        count: LIST_PAGE,
      });
      const found = res.list?.find((item) => item.authorizer_appid === appid);
      if (found) return found.refresh_token || undefined;
      if (!res.list?.length || offset + LIST_PAGE >= (res.total_count ?? 0)) return undefined;
    }
  }

  private async keep(appid: string, token: string, source: string): Promise<string> {
    await this.accounts.setRefreshToken(appid, token);
    this.logger.warn({ appid, source }, 'authorizer refresh token recovered');
    return token;
  }
}
