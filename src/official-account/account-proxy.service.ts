import { Injectable, Logger } from '@nestjs/common';
import { Buffer } from 'node:buffer';
import type { Readable } from 'node:stream';
import { AccountTokenService } from '../token/account-token.service.js';
import { answerErrcode, type ProxyAnswer } from '../token/raw-proxy.js';
import { isTokenError } from '../wechat/wechat-api.error.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { WechatPathError } from '../wechat/wechat-path.error.js';
import { assertProxyPath, endpointGroup } from './proxy-path.js';
import { ProxyMetrics, type ProxyOutcome } from './proxy.metrics.js';

export interface AccountProxyRequest {
  method: string;
  /** WeChat API path as the caller sent it, e.g. /cgi-bin/media/upload. */
  path: string;
  /** The caller's query; access_token is set here, whatever the caller sent. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** A Buffer can be sent again after a token error; a stream (a body over the buffering cap) cannot. */
  body: Buffer | Readable | undefined;
}

/**
 * The raw account proxy (contract: ALL /api/accounts/:appid/proxy/…): WeChat's answer as it came,
 * after at most one retry. A JSON answer with 40001/40014/42001 drops the token if it is still the one
 * used, refreshes it (one WeChat call however many callers report it) and resends once (pitfall 3).
 */
@Injectable()
export class AccountProxyService {
  private readonly logger = new Logger(AccountProxyService.name);

  constructor(
    private readonly tokens: AccountTokenService,
    private readonly http: WechatHttpClient,
    private readonly metrics: ProxyMetrics,
  ) {}

  async forward(appid: string, req: AccountProxyRequest): Promise<ProxyAnswer> {
    const group = endpointGroup(req.path);
    try {
      assertProxyPath(req.path); // before anything, a token fetch included
      const { answer, errcode, retried } = await this.sendWithRetry(appid, req);
      this.record(appid, req.path, group, outcomeOf(answer.status, errcode), errcode, retried);
      return answer;
    } catch (err) {
      const refused = err instanceof WechatPathError; // a refused path never names a label
      this.record(appid, req.path, refused ? 'other' : group, refused ? 'refused' : 'failed', 0, false);
      throw err;
    }
  }

  private async sendWithRetry(appid: string, req: AccountProxyRequest) {
    const { accessToken } = await this.tokens.get(appid);
    const first = await this.send(req, accessToken);
    const errcode = await answerErrcode(first);
    if (errcode === undefined || !isTokenError(errcode)) return { answer: first, errcode, retried: false };
    await this.tokens.invalidateIfCurrent(appid, accessToken);
    // A streamed body is gone: the caller gets the token error, the next call a fresh token.
    if (!(req.body === undefined || Buffer.isBuffer(req.body))) return { answer: first, errcode, retried: false };
    const renewed = await this.tokens.refresh(appid, accessToken);
    const second = await this.send(req, renewed.accessToken);
    return { answer: second, errcode: await answerErrcode(second), retried: true };
  }

  private async send(req: AccountProxyRequest, token: string): Promise<ProxyAnswer> {
    const res = await this.http.request({
      method: req.method,
      path: req.path,
      query: { ...req.query, access_token: token },
      headers: req.headers,
      body: req.body,
      // A token error proves WeChat did nothing; other failures of a POST may have reached it (pitfall 18).
      idempotent: ['GET', 'HEAD'].includes(req.method.toUpperCase()),
    });
    return { status: res.status, headers: res.headers, body: res.body };
  }

  private record(appid: string, path: string, group: string, outcome: ProxyOutcome, errcode = 0, retried: boolean) {
    this.metrics.record(group, outcome, errcode);
    // The path only: the query carries the token.
    this.logger.log({ appid, endpoint: path.slice(0, 200), outcome, errcode, retried }, 'account proxy call');
  }
}

function outcomeOf(status: number, errcode: number | undefined): ProxyOutcome {
  if (status >= 400) return 'http_error';
  return errcode ? 'wechat_error' : 'ok';
}
