import { describe, expect, it } from '@jest/globals';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import type { ComponentConfig } from '../config/config.types.js';
import type { WechatRawRequest, WechatRawResponse } from '../wechat/wechat-call.types.js';
import type { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { WechatPathError } from '../wechat/wechat-path.error.js';
import { ComponentProxyService, type ProxyRequest } from './component-proxy.service.js';
import type { ComponentAccessToken, ComponentTokenService } from './component-token.service.js';

class FakeTokens {
  current = 'tok-1';
  gets = 0;
  readonly renewed: string[] = [];
  async get(): Promise<ComponentAccessToken> {
    this.gets++;
    return { accessToken: this.current, expiresAt: new Date(Date.now() + 7_000_000) };
  }
  async renewRejected(token: string): Promise<ComponentAccessToken> {
    this.renewed.push(token);
    this.current = 'tok-2';
    return this.get();
  }
}

class FakeHttp {
  readonly requests: WechatRawRequest[] = [];
  readonly answers: { type: string; body: string }[] = [];
  async request(req: WechatRawRequest): Promise<WechatRawResponse> {
    this.requests.push(req);
    const next = this.answers.shift() ?? { type: 'application/json', body: '{"ok":true}' };
    return { status: 200, headers: { 'content-type': next.type }, body: Readable.from([next.body]), host: 'sim' };
  }
}

function setup() {
  const tokens = new FakeTokens();
  const http = new FakeHttp();
  const proxy = new ComponentProxyService(
    tokens as unknown as ComponentTokenService,
    http as unknown as WechatHttpClient,
    { configured: true, appId: 'wxcomponent0000001' } as ComponentConfig,
  );
  return { tokens, http, proxy };
}

const request = (over: Partial<ProxyRequest> = {}): ProxyRequest => ({
  method: 'POST',
  path: '/cgi-bin/component/api_get_authorizer_list',
  query: { x: '1' },
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{"offset":0}'),
  ...over,
});

const bodyText = async (body: Buffer | Readable) => (Buffer.isBuffer(body) ? body.toString('utf8') : text(body));

describe('ComponentProxyService', () => {
  it('forwards the request with the token added and hands the answer back', async () => {
    const { proxy, http } = setup();
    const answer = await proxy.forward(request());
    expect(await bodyText(answer.body)).toBe('{"ok":true}');
    expect(http.requests[0]).toMatchObject({
      method: 'POST',
      path: '/cgi-bin/component/api_get_authorizer_list',
      query: { x: '1', component_access_token: 'tok-1' },
      headers: { 'content-type': 'application/json' },
      idempotent: false,
    });
  });

  it('renews the token after a token error and resends the same body once', async () => {
    const { proxy, http, tokens } = setup();
    http.answers.push({ type: 'application/json; encoding=utf-8', body: '{"errcode":40001,"errmsg":"invalid"}' });
    http.answers.push({ type: 'text/plain', body: '{"errcode":42001,"errmsg":"expired"}' });
    const answer = await proxy.forward(request());
    expect(await bodyText(answer.body)).toBe('{"errcode":42001,"errmsg":"expired"}'); // the retry's answer, as it came
    expect(tokens.renewed).toEqual(['tok-1']);
    expect(http.requests.map((r) => r.query?.component_access_token)).toEqual(['tok-1', 'tok-2']);
    expect(http.requests[1].body).toEqual(Buffer.from('{"offset":0}'));
  });

  it('passes other errcodes and non-JSON answers through without a retry', async () => {
    const { proxy, http } = setup();
    http.answers.push({ type: 'application/json', body: '{"errcode":45009,"errmsg":"quota"}' });
    expect(await bodyText((await proxy.forward(request())).body)).toContain('45009');
    http.answers.push({ type: 'image/jpeg', body: 'JPEGDATA' });
    expect(await bodyText((await proxy.forward(request({ method: 'GET', body: undefined }))).body)).toBe('JPEGDATA');
    expect(http.requests).toHaveLength(2);
  });

  it('refuses an unsafe path before fetching a token', async () => {
    const { proxy, tokens, http } = setup();
    await expect(proxy.forward(request({ path: '/cgi-bin/%2e%2e/x' }))).rejects.toBeInstanceOf(WechatPathError);
    await expect(proxy.forward(request({ path: '//evil.example/x' }))).rejects.toBeInstanceOf(WechatPathError);
    expect(tokens.gets).toBe(0);
    expect(http.requests).toHaveLength(0);
  });
});
