import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { WechatConfig } from '../config/config.types.js';
import { sendJson, WechatStubServer } from './testing/wechat-stub.server.js';
import type { WechatCallEvent } from './wechat-call.types.js';
import { WechatHttpClient } from './wechat-http.client.js';
import { WECHAT_CALL_OBSERVER, WechatModule } from './wechat.module.js';

describe('WechatModule', () => {
  let stub: WechatStubServer;
  const config = (): WechatConfig => ({
    apiBaseUrl: stub.url,
    fallbackUrls: [],
    mpBaseUrl: 'https://mp.weixin.qq.com',
    openBaseUrl: 'https://open.weixin.qq.com',
    timeoutMs: 1_000,
    maxRetries: 0,
    retryBaseDelayMs: 1,
  });

  beforeAll(async () => {
    stub = await WechatStubServer.start();
    stub.route('/cgi-bin/x', (_req, res) => sendJson(res, { ok: 1 }));
  });
  afterAll(() => stub.stop());

  it('provides the client from WechatConfig and feeds the optional observer', async () => {
    const events: WechatCallEvent[] = [];
    @Global()
    @Module({
      providers: [
        { provide: WechatConfig, useValue: config() },
        { provide: WECHAT_CALL_OBSERVER, useValue: (e: WechatCallEvent) => events.push(e) },
      ],
      exports: [WechatConfig, WECHAT_CALL_OBSERVER],
    })
    class GlobalsModule {}
    const app = await Test.createTestingModule({ imports: [GlobalsModule, WechatModule] }).compile();
    await app.init();
    const client = app.get(WechatHttpClient);
    await expect(client.getJson('/cgi-bin/x')).resolves.toEqual({ ok: 1 });
    expect(events).toMatchObject([{ endpoint: '/cgi-bin/x', outcome: 'ok' }]);
    await app.close();
    await expect(client.getJson('/cgi-bin/x')).rejects.toMatchObject({
      code: expect.stringMatching(/^UND_ERR_(CLOSED|DESTROYED)$/),
    });
  });

  it('works without an observer', async () => {
    @Global()
    @Module({ providers: [{ provide: WechatConfig, useValue: config() }], exports: [WechatConfig] })
    class ConfigOnlyModule {}
    const app = await Test.createTestingModule({ imports: [ConfigOnlyModule, WechatModule] }).compile();
    await expect(app.get(WechatHttpClient).getJson('/cgi-bin/x')).resolves.toEqual({ ok: 1 });
    await app.close();
  });
});
