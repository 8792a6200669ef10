import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { MetricsService } from '../metrics/metrics.service.js';
import type { AccountTokenService } from '../token/account-token.service.js';
import type { WechatRawRequest, WechatRawResponse } from '../wechat/wechat-call.types.js';
import type { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { WechatPathError } from '../wechat/wechat-path.error.js';
import { AccountProxyService, type AccountProxyRequest } from './account-proxy.service.js';
import { ProxyMetrics } from './proxy.metrics.js';

/** The AccountTokenService surface the proxy uses, with a log of what it was asked. */
class FakeTokens {
  current = 'tok-1';
  readonly calls: string[] = [];
  async get(appid: string) {
    this.calls.push(`get ${appid}`);
    return { accessToken: this.current, expiresAt: new Date(Date.now() + 7_000_000) };
  }
  async invalidateIfCurrent(appid: string, token: string) {
    this.calls.push(`invalidate ${appid} ${token}`);
    return token === this.current;
  }
  async refresh(appid: string, stale?: string) {
    this.calls.push(`refresh ${appid} ${stale}`);
    this.current = 'tok-2';
    return { accessToken: this.current, expiresAt: new Date(Date.now() + 7_000_000) };
  }
}

class FakeHttp {
  readonly requests: WechatRawRequest[] = [];
  readonly answers: { type: string; body: string | Buffer }[] = [];
  async request(req: WechatRawRequest): Promise<WechatRawResponse> {
    this.requests.push(req);
    const next = this.answers.shift() ?? { type: 'application/json', body: '{"errcode":0,"errmsg":"ok"}' };
    return { status: 200, headers: { 'content-type': next.type }, body: Readable.from([next.body]), host: 'sim' };
  }
}

function setup() {
  const tokens = new FakeTokens();
  const http = new FakeHttp();
  const metrics = new MetricsService();
  const proxy = new AccountProxyService(
    tokens as unknown as AccountTokenService,
    http as unknown as WechatHttpClient,
    new ProxyMetrics(metrics),
  );
  return { tokens, http, proxy, metrics };
}

const request = (over: Partial<AccountProxyRequest> = {}): AccountProxyRequest => ({
  method: 'POST',
  path: '/cgi-bin/menu/create',
  query: { x: '1' },
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{"button":[]}'),
  ...over,
});

const bodyText = async (body: Buffer | Readable) => (Buffer.isBuffer(body) ? body.toString('utf8') : text(body));
const TOKEN_ERROR = { type: 'application/json', body: '{"errcode":40001,"errmsg":"invalid credential"}' };

describe('AccountProxyService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it("adds the account's token to the caller's query and hands the answer back", async () => {
    const { http, proxy } = setup();
    const answer = await proxy.forward('wxa', request());
    expect(http.requests).toHaveLength(1);
    expect(http.requests[0]).toMatchObject({ path: '/cgi-bin/menu/create', query: { x: '1', access_token: 'tok-1' } });
    expect(http.requests[0].idempotent).toBe(false);
    expect(await bodyText(answer.body)).toBe('{"errcode":0,"errmsg":"ok"}');
  });

  it.each([40001, 40014, 42001])(
    'on %i drops the token used, refreshes once and resends the same body once',
    async (errcode) => {
      const { tokens, http, proxy } = setup();
      http.answers.push({ type: 'application/json', body: `{"errcode":${errcode},"errmsg":"x"}` });
      const answer = await proxy.forward('wxa', request());
      expect(tokens.calls).toEqual(['get wxa', 'invalidate wxa tok-1', 'refresh wxa tok-1']);
      expect(http.requests.map((r) => r.query?.access_token)).toEqual(['tok-1', 'tok-2']);
      expect(http.requests[1].body).toEqual(Buffer.from('{"button":[]}'));
      expect(await bodyText(answer.body)).toContain('"errcode":0');
    },
  );

  it('retries only once: a second token error goes back to the caller', async () => {
    const { http, proxy } = setup();
    http.answers.push(TOKEN_ERROR, TOKEN_ERROR);
    const answer = await proxy.forward('wxa', request());
    expect(http.requests).toHaveLength(2);
    expect(await bodyText(answer.body)).toContain('40001');
  });

  it('does not retry other errcodes, binary answers or a streamed body', async () => {
    const { tokens, http, proxy } = setup();
    http.answers.push({ type: 'application/json', body: '{"errcode":45009,"errmsg":"quota"}' });
    await proxy.forward('wxa', request());
    http.answers.push({ type: 'image/jpeg', body: Buffer.from('{"errcode":40001}') });
    const binary = await proxy.forward('wxa', request({ method: 'GET', body: undefined }));
    expect(await bodyText(binary.body)).toBe('{"errcode":40001}');
    http.answers.push(TOKEN_ERROR);
    const streamed = await proxy.forward('wxa', request({ body: Readable.from([Buffer.from('big')]) }));
    expect(await bodyText(streamed.body)).toContain('40001');
    expect(http.requests).toHaveLength(3);
    // The streamed call could not be resent, but the rejected token is dropped for the next caller.
    expect(tokens.calls.filter((c) => c.startsWith('refresh'))).toEqual([]);
    expect(tokens.calls.at(-1)).toBe('invalidate wxa tok-1');
  });

  it('refuses an unsafe path before fetching a token, and counts it', async () => {
    const { tokens, http, proxy, metrics } = setup();
    for (const path of ['//evil.test/x', '/@evil.test/x', '/%2e%2e/x', '/http://evil.test/x', '/a\\b']) {
      await expect(proxy.forward('wxa', request({ path }))).rejects.toBeInstanceOf(WechatPathError);
    }
    expect(tokens.calls).toEqual([]);
    expect(http.requests).toEqual([]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('gateway_proxy_requests_total{endpoint_group="other",outcome="refused",errcode="0"} 5');
  });

  it('counts by endpoint group and errcode, never by the full path', async () => {
    const { http, proxy, metrics } = setup();
    http.answers.push({ type: 'application/json', body: '{"errcode":"40003","errmsg":"invalid openid"}' });
    await proxy.forward('wxa', request({ method: 'GET', path: '/cgi-bin/user/info', body: undefined }));
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'gateway_proxy_requests_total{endpoint_group="cgi-bin/user",outcome="wechat_error",errcode="40003"} 1',
    );
    expect(text).not.toContain('user/info');
  });
});
