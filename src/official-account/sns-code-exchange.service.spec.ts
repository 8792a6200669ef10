import { describe, expect, it } from '@jest/globals';
import type { Cache } from 'cache-manager';
import { createCache } from 'cache-manager';
import { MemoryLock } from '../cache/memory-lock.js';
import type { ComponentConfig } from '../config/config.types.js';
import type { ComponentTokenService } from '../token/component-token.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import type { WechatJsonCallOptions } from '../wechat/wechat-call.types.js';
import type { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { SnsCodeExchangeService } from './sns-code-exchange.service.js';

class FakeTokens {
  current = 'ctok-1';
  renewed: string[] = [];
  async get() {
    return { accessToken: this.current, expiresAt: new Date(Date.now() + 7_000_000) };
  }
  async renewRejected(token: string) {
    this.renewed.push(token);
    this.current = 'ctok-2';
    return this.get();
  }
}

class FakeHttp {
  readonly calls: { path: string; opts: WechatJsonCallOptions }[] = [];
  readonly failures: number[] = [];
  async getJson<T>(path: string, opts: WechatJsonCallOptions): Promise<T> {
    this.calls.push({ path, opts });
    const errcode = this.failures.shift();
    if (errcode) throw new WechatApiError(errcode, 'x', path);
    return { openid: 'o1', n: this.calls.length } as T;
  }
}

function setup() {
  const tokens = new FakeTokens();
  const http = new FakeHttp();
  const config = { configured: true, appId: 'wxcomponent0000001' } as ComponentConfig;
  const cache: Cache = createCache();
  const service = new SnsCodeExchangeService(
    tokens as unknown as ComponentTokenService,
    http as unknown as WechatHttpClient,
    config,
    new MemoryLock(),
    cache,
  );
  return { tokens, http, service };
}

const PATH = '/sns/component/jscode2session';
const query = (code: string) => ({ appid: 'wxmp', js_code: code, grant_type: 'authorization_code' });

describe('SnsCodeExchangeService', () => {
  it('sends the exact parameters in order with the current component token, never as idempotent', async () => {
    const { http, service } = setup();
    await service.exchange(PATH, 'c1', query('c1'));
    expect(Object.entries(http.calls[0].opts.query ?? {})).toEqual([
      ['appid', 'wxmp'],
      ['js_code', 'c1'],
      ['grant_type', 'authorization_code'],
      ['component_appid', 'wxcomponent0000001'],
      ['component_access_token', 'ctok-1'],
    ]);
    expect(http.calls[0].opts.idempotent).toBe(false);
  });

  it('answers a repeated code from the cache, also when both arrive together', async () => {
    const { http, service } = setup();
    const [a, b] = await Promise.all([
      service.exchange(PATH, 'c1', query('c1')),
      service.exchange(PATH, 'c1', query('c1')),
    ]);
    const c = await service.exchange(PATH, 'c1', query('c1'));
    expect(http.calls).toHaveLength(1);
    expect([a.cached, b.cached, c.cached]).toEqual([false, true, true]);
    expect(c.result).toEqual(a.result);
  });

  it.each([40001, 42001])('renews the component token once after %i and retries once', async (errcode) => {
    const { tokens, http, service } = setup();
    http.failures.push(errcode);
    const { result } = await service.exchange(PATH, 'c1', query('c1'));
    expect(result).toMatchObject({ openid: 'o1' });
    expect(tokens.renewed).toEqual(['ctok-1']);
    expect(http.calls.map((c) => c.opts.query?.component_access_token)).toEqual(['ctok-1', 'ctok-2']);
  });

  it.each([40163, 40029, 42003])('never retries %i (the code is spent or bad) and caches nothing', async (errcode) => {
    const { tokens, http, service } = setup();
    http.failures.push(errcode);
    await expect(service.exchange(PATH, 'c1', query('c1'))).rejects.toMatchObject({ errcode });
    expect(http.calls).toHaveLength(1);
    expect(tokens.renewed).toEqual([]);
    await service.exchange(PATH, 'c1', query('c1'));
    expect(http.calls).toHaveLength(2);
  });

  it('answers 503 when the component is not configured', async () => {
    const { service } = setup();
    (service as unknown as { config: ComponentConfig }).config.configured = false;
    await expect(service.exchange(PATH, 'c1', query('c1'))).rejects.toMatchObject({ status: 503 });
  });
});
