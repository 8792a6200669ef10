import { Injectable } from '@nestjs/common';
import { AccountService } from '../account/account.service.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { parseTokenAnswer, type FetchedAccountToken } from './fetched-account-token.js';

const STABLE_PATH = '/cgi-bin/stable_token';
const CLASSIC_PATH = '/cgi-bin/token';

/**
 * Tokens of directly-managed accounts (§4.13). stable_token by default: it returns the same token
 * while valid and never invalidates tokens fetched elsewhere; `force_refresh` (20 a day) only when a
 * caller reported the current token as rejected. The secret goes in the body or query and the
 * WeChat client redacts it from every log line and error.
 */
@Injectable()
export class DirectTokenClient {
  constructor(
    private readonly accounts: AccountService,
    private readonly http: WechatHttpClient,
  ) {}

  async fetch(appid: string, forceRefresh: boolean): Promise<FetchedAccountToken> {
    const { secret, tokenEndpoint } = await this.accounts.getDirectCredentials(appid);
    if (tokenEndpoint === 'classic') {
      const answer = await this.http.getJson<Record<string, unknown>>(CLASSIC_PATH, {
        query: { grant_type: 'client_credential', appid, secret },
      });
      return toFetched(parseTokenAnswer(answer, 'access_token', CLASSIC_PATH));
    }
    const answer = await this.http.postJson<Record<string, unknown>>(STABLE_PATH, {
      grant_type: 'client_credential',
      appid,
      secret,
      force_refresh: forceRefresh,
    });
    return toFetched(parseTokenAnswer(answer, 'access_token', STABLE_PATH));
  }
}

function toFetched(t: { value: string; expiresInSec: number }): FetchedAccountToken {
  return { accessToken: t.value, expiresInSec: t.expiresInSec };
}
