import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { WechatApiError } from '../../src/wechat/wechat-api.error.js';
import { WechatHttpClient } from '../../src/wechat/wechat-http.client.js';
import { createTestApp } from '../support/create-test-app.js';

/** The app's WeChat client reports every call to /metrics by endpoint and errcode, and never the token. */
describe('WeChat call metrics', () => {
  let app: INestApplication;
  let wechat: Server;

  beforeAll(async () => {
    wechat = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/cgi-bin/getcallbackip')) res.end(JSON.stringify({ ip_list: ['127.0.0.1'] }));
      else res.end(JSON.stringify({ errcode: 45009, errmsg: 'reach max api daily quota limit rid: 0000-test' }));
    });
    await new Promise<void>((r) => wechat.listen(0, '127.0.0.1', r));
    const { port } = wechat.address() as AddressInfo;
    app = await createTestApp({ WECHAT_API_BASE_URL: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((r) => wechat.close(r));
  });

  it('counts successes and errcodes per endpoint', async () => {
    const client = app.get(WechatHttpClient);
    await client.getJson('/cgi-bin/getcallbackip', { query: { access_token: 'metrics-probe-token-value' } });
    await expect(
      client.postJson('/cgi-bin/message/custom/send', {}, { query: { access_token: 'metrics-probe-token-value' } }),
    ).rejects.toBeInstanceOf(WechatApiError);
    const { text } = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(text).toMatch(
      /gateway_wechat_api_calls_total\{endpoint="\/cgi-bin\/getcallbackip",host="127\.0\.0\.1:\d+",outcome="ok",errcode="0"\} 1/,
    );
    expect(text).toMatch(
      /gateway_wechat_api_calls_total\{endpoint="\/cgi-bin\/message\/custom\/send",host="127\.0\.0\.1:\d+",outcome="wechat_error",errcode="45009"\} 1/,
    );
    expect(text).not.toContain('metrics-probe-token-value');
  });
});
