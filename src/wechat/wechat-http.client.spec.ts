import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sendJson, WechatStubServer } from './testing/wechat-stub.server.js';
import { isTokenError, WechatApiError } from './wechat-api.error.js';
import type { WechatCallEvent, WechatHttpClientOptions } from './wechat-call.types.js';
import { WechatHttpClient } from './wechat-http.client.js';
import { WechatInvalidResponseError } from './wechat-invalid-response.error.js';
import { WechatPathError } from './wechat-path.error.js';
import { WechatTransportError } from './wechat-transport.error.js';

const TOKEN = 'TOKEN_d41d8cd98f00b204e9800998ecf8427e';

describe('WechatHttpClient, JSON calls', () => {
  let primary: WechatStubServer;
  let fallback: WechatStubServer;
  let client: WechatHttpClient;
  let events: WechatCallEvent[];
  let logs: { obj: object; msg: string }[];

  const makeClient = (over: Partial<WechatHttpClientOptions> = {}): WechatHttpClient => {
    client = new WechatHttpClient({
      apiBaseUrl: primary.url,
      fallbackUrls: [fallback.url],
      timeoutMs: 1_000,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      onCall: (e) => events.push(e),
      logger: { warn: (obj, msg) => logs.push({ obj, msg }) },
      ...over,
    });
    return client;
  };

  beforeAll(async () => {
    [primary, fallback] = await Promise.all([WechatStubServer.start(), WechatStubServer.start()]);
  });
  beforeEach(() => {
    primary.reset();
    fallback.reset();
    events = [];
    logs = [];
    makeClient();
  });
  afterEach(() => client.close());
  afterAll(() => Promise.all([primary.stop(), fallback.stop()]));

  it('returns a success body without errcode and URL-encodes the query', async () => {
    primary.route('/cgi-bin/x', (_req, res) => sendJson(res, { value: 42 }));
    const body = await client.getJson<{ value: number }>('/cgi-bin/x', {
      query: { access_token: TOKEN, v: 'a b&c=d/é' },
    });
    expect(body).toEqual({ value: 42 });
    expect(primary.requests[0].rawQuery).toBe(`access_token=${TOKEN}&v=a+b%26c%3Dd%2F%C3%A9`);
    expect(events).toEqual([
      {
        endpoint: '/cgi-bin/x',
        host: primary.host,
        outcome: 'ok',
        errcode: 0,
        status: 200,
        attempt: 1,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('posts UTF-8 JSON and treats errcode 0 as success', async () => {
    primary.route('/cgi-bin/message/custom/send', (_req, res) => sendJson(res, { errcode: 0, errmsg: 'ok' }));
    await expect(client.postJson('/cgi-bin/message/custom/send', { text: '你好' })).resolves.toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    const [req] = primary.requests;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body.toString('utf8'))).toEqual({ text: '你好' });
  });

  it('throws WechatApiError with an operator-grade message for 61004, without retrying', async () => {
    const errmsg = 'access clientip is not registered requestIP: 203.0.113.7 rid: 64f69b23-60f73830-19f36488';
    primary.route('/cgi-bin/component/api_component_token', (_req, res) => sendJson(res, { errcode: 61004, errmsg }));
    const call = client.postJson('/cgi-bin/component/api_component_token', {}, { query: { access_token: TOKEN } });
    await expect(call).rejects.toBeInstanceOf(WechatApiError);
    await expect(call).rejects.toMatchObject({
      errcode: 61004,
      errmsg,
      path: '/cgi-bin/component/api_component_token',
      egressIp: '203.0.113.7',
      message: expect.stringContaining('egress IP is not on the allow-list: add it in the WeChat console'),
    });
    expect(primary.hits() + fallback.hits()).toBe(1);
  });

  it('parses an errcode sent as a string', async () => {
    primary.route('/sns/component/jscode2session', (_req, res) =>
      sendJson(res, { errcode: '40029', errmsg: 'invalid code' }),
    );
    await expect(client.getJson('/sns/component/jscode2session')).rejects.toMatchObject({ errcode: 40029 });
    expect(events[0]).toMatchObject({ outcome: 'wechat_error', errcode: 40029 });
  });

  it('never retries 40001: token refresh is the caller’s business', async () => {
    primary.route('/cgi-bin/user/info', (_req, res) => sendJson(res, { errcode: 40001, errmsg: 'invalid credential' }));
    const err = await client.getJson('/cgi-bin/user/info').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect(isTokenError((err as WechatApiError).errcode)).toBe(true);
    expect(primary.hits()).toBe(1);
    expect(fallback.hits()).toBe(0);
    expect(logs).toEqual([]);
  });

  it('retries -1 (system busy) on the same host, then succeeds', async () => {
    primary.route('/cgi-bin/x', (_req, res, hit) =>
      sendJson(res, hit === 1 ? { errcode: -1, errmsg: 'system error' } : { ok: 1 }),
    );
    await expect(client.getJson('/cgi-bin/x')).resolves.toEqual({ ok: 1 });
    expect(primary.hits()).toBe(2);
    expect(events.map((e) => [e.outcome, e.errcode, e.attempt])).toEqual([
      ['wechat_error', -1, 1],
      ['ok', 0, 2],
    ]);
    expect(logs).toHaveLength(1);
  });

  it('bounds the retries of -1: maxRetries extra attempts in total, then the backup host once', async () => {
    const busy = (_req: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, { errcode: -1, errmsg: 'busy' });
    primary.route('/cgi-bin/x', busy);
    fallback.route('/cgi-bin/x', busy);
    await expect(client.getJson('/cgi-bin/x')).rejects.toMatchObject({ name: 'WechatApiError', errcode: -1 });
    expect([primary.hits(), fallback.hits()]).toEqual([2, 1]);
  });

  it('rejects a non-JSON 200 with a typed error, without retrying', async () => {
    primary.route('/cgi-bin/x', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>'),
    );
    const call = client.getJson('/cgi-bin/x');
    await expect(call).rejects.toBeInstanceOf(WechatInvalidResponseError);
    await expect(call).rejects.toThrow(/not JSON.*JSON call.*text\/html/);
    expect(primary.hits() + fallback.hits()).toBe(1);
    expect(events[0]).toMatchObject({ outcome: 'http_error', status: 200 });
  });

  it('does not fail over on a 4xx', async () => {
    await expect(client.getJson('/cgi-bin/nowhere')).rejects.toMatchObject({ kind: 'http_status', status: 404 });
    expect(fallback.hits()).toBe(0);
  });

  it('honours a per-call timeout override', async () => {
    makeClient({ maxRetries: 0 });
    primary.route('/cgi-bin/slow', (_req, res) => primary.later(res, 300, () => sendJson(res, { ok: 1 })));
    await expect(client.getJson('/cgi-bin/slow', { timeoutMs: 30 })).rejects.toMatchObject({ kind: 'timeout' });
    await expect(client.getJson('/cgi-bin/slow')).resolves.toEqual({ ok: 1 });
  });

  it.each([
    '//evil.com/x',
    '/../x',
    '/a/%2e%2E/x',
    'http://evil.com',
    '/a\\b',
    'cgi-bin/token',
    '/x?access_token=1',
    '/a b',
  ])('rejects the path %j without any network call', async (path) => {
    await expect(client.getJson(path)).rejects.toBeInstanceOf(WechatPathError);
    await expect(client.postJson(path, {})).rejects.toBeInstanceOf(WechatPathError);
    await expect(client.request({ method: 'GET', path })).rejects.toBeInstanceOf(WechatPathError);
    expect(primary.hits() + fallback.hits()).toBe(0);
    expect(events).toEqual([]);
  });

  it('keeps tokens and secrets out of errors, logs and events', async () => {
    makeClient({ timeoutMs: 100, maxRetries: 1 });
    primary.route('/cgi-bin/component/api_query_auth', (_req, res) => res.writeHead(503).end());
    fallback.route('/cgi-bin/component/api_query_auth', (_req, res) => fallback.later(res, 1_000, () => res.end()));
    const query = { component_access_token: TOKEN };
    const body = { component_appid: 'wx1234567890abcdef', authorization_code: 'queryauthcode@@@SECRET' };
    const err = await client.postJson('/cgi-bin/component/api_query_auth', body, { query }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatTransportError);
    expect(err).toMatchObject({ kind: 'timeout', hosts: [primary.host, fallback.host] });
    const seen = JSON.stringify([String(err), (err as Error).stack, { ...(err as object) }, logs, events]);
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain('SECRET');
    expect(logs[0]).toMatchObject({ obj: { endpoint: '/cgi-bin/component/api_query_auth', host: primary.host } });
  });

  it('redacts a token that WeChat echoes in errmsg', async () => {
    const errmsg = `invalid credential, hint: [access_token=${TOKEN}]`;
    primary.route('/cgi-bin/x', (_req, res) => sendJson(res, { errcode: 40001, errmsg }));
    const err = (await client.getJson('/cgi-bin/x').catch((e: unknown) => e)) as WechatApiError;
    expect(err.message).not.toContain(TOKEN);
    expect(err.errmsg).not.toContain(TOKEN);
  });
});
