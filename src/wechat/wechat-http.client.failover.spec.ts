import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { refusedUrl, sendJson, WechatStubServer } from './testing/wechat-stub.server.js';
import type { WechatCallEvent, WechatHttpClientOptions } from './wechat-call.types.js';
import { WechatHttpClient } from './wechat-http.client.js';
import { WechatTransportError } from './wechat-transport.error.js';

const PATH = '/cgi-bin/component/api_authorizer_token';

describe('WechatHttpClient, failover and retries', () => {
  let primary: WechatStubServer;
  let fallback: WechatStubServer;
  let refused: string;
  let client: WechatHttpClient;
  let events: WechatCallEvent[];
  let logs: { obj: object; msg: string }[];

  const makeClient = (over: Partial<WechatHttpClientOptions> = {}): WechatHttpClient => {
    client = new WechatHttpClient({
      apiBaseUrl: primary.url,
      fallbackUrls: [fallback.url],
      timeoutMs: 300,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      onCall: (e) => events.push(e),
      logger: { warn: (obj, msg) => logs.push({ obj, msg }) },
      ...over,
    });
    return client;
  };
  const ok = (_req: unknown, res: ServerResponse) => sendJson(res, { authorizer_access_token: 'x', expires_in: 7200 });
  const unavailable = (_req: unknown, res: ServerResponse) => res.writeHead(503).end('busy');
  const reset = (_req: unknown, res: ServerResponse) => res.socket?.destroy();
  const hang = (server: () => WechatStubServer) => (_req: unknown, res: ServerResponse) =>
    server().later(res, 5_000, () => sendJson(res, { late: true }));
  const outcomes = () => events.map((e) => [e.host, e.outcome, e.status, e.attempt]);

  beforeAll(async () => {
    [primary, fallback, refused] = await Promise.all([
      WechatStubServer.start(),
      WechatStubServer.start(),
      refusedUrl(),
    ]);
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

  it('fails over to the backup host on a 5xx and reports both attempts', async () => {
    primary.route(PATH, unavailable);
    fallback.route(PATH, ok);
    await expect(client.postJson(PATH, {})).resolves.toMatchObject({ expires_in: 7200 });
    expect(outcomes()).toEqual([
      [primary.host, 'http_error', 503, 1],
      [fallback.host, 'ok', 200, 2],
    ]);
    expect(logs).toEqual([
      {
        msg: 'WeChat call failed, retrying',
        obj: expect.objectContaining({
          endpoint: PATH,
          host: primary.host,
          next_host: fallback.host,
          reason: 'HTTP 503',
        }),
      },
    ]);
  });

  it('fails over when the primary refuses connections', async () => {
    makeClient({ apiBaseUrl: refused });
    fallback.route(PATH, ok);
    await expect(client.postJson(PATH, {})).resolves.toMatchObject({ expires_in: 7200 });
    expect(events.map((e) => e.outcome)).toEqual(['transport_error', 'ok']);
    expect(logs[0].obj).toMatchObject({ reason: 'ECONNREFUSED' });
  });

  it('fails over when the primary times out', async () => {
    primary.route(
      PATH,
      hang(() => primary),
    );
    fallback.route(PATH, ok);
    await expect(client.postJson(PATH, {})).resolves.toMatchObject({ expires_in: 7200 });
    expect(outcomes()).toEqual([
      [primary.host, 'transport_error', undefined, 1],
      [fallback.host, 'ok', 200, 2],
    ]);
  });

  it('fails over when the primary resets the connection', async () => {
    primary.route(PATH, reset);
    fallback.route(PATH, ok);
    await expect(client.getJson(PATH)).resolves.toMatchObject({ expires_in: 7200 });
    expect(events.map((e) => e.outcome)).toEqual(['transport_error', 'ok']);
  });

  it('throws WechatTransportError kind timeout, naming the hosts, when every host times out', async () => {
    makeClient({ maxRetries: 1 });
    primary.route(
      PATH,
      hang(() => primary),
    );
    fallback.route(
      PATH,
      hang(() => fallback),
    );
    const call = client.getJson(PATH);
    await expect(call).rejects.toBeInstanceOf(WechatTransportError);
    await expect(call).rejects.toMatchObject({ kind: 'timeout', path: PATH, hosts: [primary.host, fallback.host] });
  });

  it('throws kind connection when nothing listens anywhere', async () => {
    makeClient({ apiBaseUrl: refused, fallbackUrls: [refused] });
    const call = client.getJson(PATH);
    await expect(call).rejects.toMatchObject({
      kind: 'connection',
      causeCode: 'ECONNREFUSED',
      hosts: [refused.slice(7)],
    });
    expect(events).toHaveLength(3);
  });

  it('bounds retries on 5xx: maxRetries extra attempts, alternating hosts', async () => {
    makeClient({ maxRetries: 3 });
    primary.route(PATH, unavailable);
    fallback.route(PATH, unavailable);
    await expect(client.getJson(PATH)).rejects.toMatchObject({ kind: 'http_status', status: 503 });
    expect([primary.hits(), fallback.hits()]).toEqual([2, 2]);
  });

  describe('with idempotent: false', () => {
    const send = () => client.postJson(PATH, { touser: 'o1' }, { idempotent: false });

    it('is not resent after a response timeout', async () => {
      primary.route(
        PATH,
        hang(() => primary),
      );
      fallback.route(PATH, ok);
      await expect(send()).rejects.toMatchObject({ kind: 'timeout' });
      expect([primary.hits(), fallback.hits()]).toEqual([1, 0]);
    });

    it('is not resent after a reset mid-exchange', async () => {
      primary.route(PATH, reset);
      fallback.route(PATH, ok);
      await expect(send()).rejects.toMatchObject({ kind: 'connection' });
      expect([primary.hits(), fallback.hits()]).toEqual([1, 0]);
    });

    it('is not resent after a 5xx or -1', async () => {
      primary.route(PATH, unavailable);
      await expect(send()).rejects.toMatchObject({ kind: 'http_status', status: 503 });
      primary.route(PATH, (_req, res) => sendJson(res, { errcode: -1, errmsg: 'system error' }));
      await expect(send()).rejects.toMatchObject({ errcode: -1 });
      expect([primary.hits(), fallback.hits()]).toEqual([2, 0]);
    });

    it('is sent to the backup host when the primary refused the connection', async () => {
      makeClient({ apiBaseUrl: refused });
      fallback.route(PATH, ok);
      await expect(send()).resolves.toMatchObject({ expires_in: 7200 });
      expect(fallback.hits()).toBe(1);
    });
  });
});
