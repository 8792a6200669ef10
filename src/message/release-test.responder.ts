import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ComponentApiService } from '../token/component-api.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';

interface QueryAuthAnswer {
  authorization_info?: { authorizer_appid?: string; authorizer_access_token?: string };
}

/**
 * The API case of the full-network release test (§7.2 steps 5-6): exchange the code from the
 * `QUERY_AUTH_CODE:` text with api_query_auth, then send `<code>_from_api` to the fan through
 * custom send with the token THAT exchange returned. A cached token of the test account fails with
 * 48001: WeChat resets the account for every run (pitfall 9, WxJava #781). Runs after WeChat got its
 * empty answer; logs each step by appid, never the code or a token.
 */
@Injectable()
export class ReleaseTestResponder implements OnApplicationShutdown {
  private readonly logger = new Logger(ReleaseTestResponder.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly component: ComponentApiService,
    private readonly http: WechatHttpClient,
  ) {}

  /** Starts the exchange and the send in the background; never throws. */
  answerWithApi(appid: string, code: string, touser: string): void {
    const work: Promise<void> = this.exchangeAndSend(appid, code, touser)
      .catch((err: unknown) => {
        const errcode = err instanceof WechatApiError ? err.errcode : undefined;
        const error = err instanceof Error ? err.name : 'unknown';
        this.logger.warn({ appid, errcode, error }, 'release test: API text case failed');
      })
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }

  /** Lets a background case finish before the WeChat client closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async exchangeAndSend(appid: string, code: string, touser: string): Promise<void> {
    this.logger.log({ appid }, 'release test: exchanging the query auth code');
    const answer = await this.component.post<QueryAuthAnswer>(
      '/cgi-bin/component/api_query_auth',
      { component_appid: this.component.componentAppId, authorization_code: code },
      { idempotent: false },
    );
    const token = answer.authorization_info?.authorizer_access_token;
    if (!token) throw new Error('api_query_auth returned no authorizer_access_token');
    this.logger.log({ appid }, 'release test: code exchanged, sending the customer-service text');
    await this.http.postJson(
      '/cgi-bin/message/custom/send',
      { touser, msgtype: 'text', text: { content: `${code}_from_api` } },
      { query: { access_token: token }, idempotent: false },
    );
    this.logger.log({ appid }, 'release test: customer-service text sent');
  }
}
