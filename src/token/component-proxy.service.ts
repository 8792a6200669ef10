import { Injectable } from '@nestjs/common';
import { Buffer } from 'node:buffer';
import { ComponentConfig } from '../config/config.types.js';
import { ComponentNotConfiguredError } from '../ticket/ticket.errors.js';
import { isTokenError } from '../wechat/wechat-api.error.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { assertSafePath } from '../wechat/wechat-path.js';
import { ComponentTokenService } from './component-token.service.js';
import { answerErrcode, type ProxyAnswer } from './raw-proxy.js';

export interface ProxyRequest {
  method: string;
  /** WeChat API path, e.g. /cgi-bin/component/api_get_authorizer_list. */
  path: string;
  /** The caller's query; component_access_token is set here, whatever the caller sent. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Buffered, so the one retry after a token error can send it again. */
  body: Buffer | undefined;
}

export type { ProxyAnswer } from './raw-proxy.js';

/** The raw component proxy: WeChat's answer as it came, after at most one token renewal and retry. */
@Injectable()
export class ComponentProxyService {
  constructor(
    private readonly tokens: ComponentTokenService,
    private readonly http: WechatHttpClient,
    private readonly config: ComponentConfig,
  ) {}

  async forward(req: ProxyRequest): Promise<ProxyAnswer> {
    if (!this.config.configured) throw new ComponentNotConfiguredError();
    // Refuse a bad path before anything, a token fetch included.
    assertSafePath(req.path);
    const { accessToken } = await this.tokens.get();
    const first = await this.send(req, accessToken);
    if (!(await carriesTokenError(first))) return first;
    const renewed = await this.tokens.renewRejected(accessToken);
    return this.send(req, renewed.accessToken);
  }

  private async send(req: ProxyRequest, token: string): Promise<ProxyAnswer> {
    const res = await this.http.request({
      method: req.method,
      path: req.path,
      query: { ...req.query, component_access_token: token },
      headers: req.headers,
      body: req.body,
      // A token error proves WeChat did nothing; other failures of a POST may have reached it.
      idempotent: ['GET', 'HEAD'].includes(req.method.toUpperCase()),
    });
    return { status: res.status, headers: res.headers, body: res.body };
  }
}

async function carriesTokenError(answer: ProxyAnswer): Promise<boolean> {
  const errcode = await answerErrcode(answer);
  return errcode !== undefined && isTokenError(errcode);
}
