import { describe, expect, it } from '@jest/globals';
import type { ComponentConfig } from '../config/config.types.js';
import { ComponentNotConfiguredError } from '../ticket/ticket.errors.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import type { WechatJsonCallOptions } from '../wechat/wechat-call.types.js';
import type { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { ComponentApiService } from './component-api.service.js';
import type { ComponentAccessToken, ComponentTokenService } from './component-token.service.js';

const CONFIG = { configured: true, appId: 'wxcomponent0000001' } as ComponentConfig;
const PATH = '/cgi-bin/component/api_get_authorizer_list';

class FakeTokens {
  current = 'tok-1';
  readonly renewed: string[] = [];
  async get(): Promise<ComponentAccessToken> {
    return { accessToken: this.current, expiresAt: new Date(Date.now() + 7_000_000) };
  }
  async renewRejected(token: string): Promise<ComponentAccessToken> {
    this.renewed.push(token);
    this.current = `tok-${this.renewed.length + 1}`;
    return this.get();
  }
}

/** Answers with the queued errors first, then { ok: true }. */
class FakeHttp {
  readonly calls: { method: string; path: string; body?: unknown; opts: WechatJsonCallOptions }[] = [];
  readonly failures: Error[] = [];
  async postJson<T>(path: string, body: unknown, opts: WechatJsonCallOptions): Promise<T> {
    this.calls.push({ method: 'POST', path, body, opts });
    return this.answer<T>();
  }
  async getJson<T>(path: string, opts: WechatJsonCallOptions): Promise<T> {
    this.calls.push({ method: 'GET', path, opts });
    return this.answer<T>();
  }
  private answer<T>(): T {
    const failure = this.failures.shift();
    if (failure) throw failure;
    return { ok: true } as T;
  }
}

function setup(config = CONFIG) {
  const tokens = new FakeTokens();
  const http = new FakeHttp();
  const api = new ComponentApiService(
    tokens as unknown as ComponentTokenService,
    http as unknown as WechatHttpClient,
    config,
  );
  return { tokens, http, api };
}

const tokenError = (code: number) => new WechatApiError(code, 'invalid credential', PATH);

describe('ComponentApiService', () => {
  it('adds component_access_token to the query', async () => {
    const { api, http } = setup();
    await api.post(PATH, { offset: 0 }, { idempotent: false });
    await api.get('/cgi-bin/x', { a: '1', component_access_token: 'caller' });
    expect(http.calls[0].opts).toEqual({ query: { component_access_token: 'tok-1' }, idempotent: false });
    expect(http.calls[1].opts.query).toEqual({ a: '1', component_access_token: 'tok-1' });
    expect(api.componentAppId).toBe(CONFIG.appId);
  });

  it.each([40001, 40014, 42001])(
    'renews the token after %d and retries once, non-idempotent calls too',
    async (errcode) => {
      const { api, http, tokens } = setup();
      http.failures.push(tokenError(errcode));
      await expect(api.post(PATH, { offset: 0 }, { idempotent: false })).resolves.toEqual({ ok: true });
      expect(tokens.renewed).toEqual(['tok-1']);
      expect(http.calls.map((c) => c.opts.query?.component_access_token)).toEqual(['tok-1', 'tok-2']);
    },
  );

  it('retries only once', async () => {
    const { api, http, tokens } = setup();
    http.failures.push(tokenError(40001), tokenError(40001));
    await expect(api.get(PATH)).rejects.toMatchObject({ errcode: 40001 });
    expect(http.calls).toHaveLength(2);
    expect(tokens.renewed).toHaveLength(1);
  });

  it('does not retry other errors', async () => {
    const { api, http, tokens } = setup();
    http.failures.push(new WechatApiError(45009, 'quota', PATH));
    await expect(api.post(PATH, {})).rejects.toMatchObject({ errcode: 45009 });
    expect(http.calls).toHaveLength(1);
    expect(tokens.renewed).toHaveLength(0);
  });

  it('refuses when the component is not configured', async () => {
    const { api, http } = setup({ configured: false } as ComponentConfig);
    await expect(api.post(PATH, {})).rejects.toBeInstanceOf(ComponentNotConfiguredError);
    expect(http.calls).toHaveLength(0);
  });
});
