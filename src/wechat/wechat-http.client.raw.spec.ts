import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { sendJson, WechatStubServer, type StubRequest } from './testing/wechat-stub.server.js';
import type { WechatCallEvent } from './wechat-call.types.js';
import { WechatHttpClient } from './wechat-http.client.js';

const MEDIA = '/cgi-bin/media/get';
const UPLOAD = '/cgi-bin/media/upload';

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('WechatHttpClient.request (raw pass-through)', () => {
  let primary: WechatStubServer;
  let fallback: WechatStubServer;
  let client: WechatHttpClient;
  let events: WechatCallEvent[];
  const unavailable = (_req: unknown, res: ServerResponse) => res.writeHead(503, { 'x-side': 'primary' }).end('busy');
  const echo = (req: StubRequest, res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(req.body);

  beforeAll(async () => {
    [primary, fallback] = await Promise.all([WechatStubServer.start(), WechatStubServer.start()]);
  });
  beforeEach(() => {
    primary.reset();
    fallback.reset();
    events = [];
    client = new WechatHttpClient({
      apiBaseUrl: primary.url,
      fallbackUrls: [fallback.url],
      timeoutMs: 1_000,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      onCall: (e) => events.push(e),
    });
  });
  afterEach(() => client.close());
  afterAll(() => Promise.all([primary.stop(), fallback.stop()]));

  it('downloads a binary body byte for byte, without hop-by-hop headers', async () => {
    const file = randomBytes(300_000);
    primary.route(MEDIA, (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="a.jpg"' });
      res.write(file.subarray(0, 1000));
      res.end(file.subarray(1000)); // chunked: no content-length
    });
    const res = await client.request({ method: 'GET', path: MEDIA, query: { access_token: 'T', media_id: 'm1' } });
    expect(res).toMatchObject({ status: 200, host: primary.host });
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.headers['connection']).toBeUndefined();
    expect((await bytesOf(res.body)).equals(file)).toBe(true);
    expect(primary.requests[0].rawQuery).toBe('access_token=T&media_id=m1');
  });

  it('forwards caller headers except host and hop-by-hop ones', async () => {
    primary.route(UPLOAD, echo);
    const headers = { host: 'evil.com', connection: 'close', 'x-trace': 'abc', 'content-type': 'text/plain' };
    const res = await client.request({ method: 'post', path: UPLOAD, headers, body: Buffer.from('hello') });
    await expect(text(res.body)).resolves.toBe('hello');
    const { headers: seen } = primary.requests[0];
    expect(seen).toMatchObject({
      host: primary.host,
      'x-trace': 'abc',
      'content-type': 'text/plain',
      'content-length': '5',
    });
  });

  it('replays a Buffer body on the backup host after a 5xx', async () => {
    const body = randomBytes(10_000);
    primary.route(UPLOAD, unavailable);
    fallback.route(UPLOAD, echo);
    const res = await client.request({ method: 'POST', path: UPLOAD, body });
    expect(res).toMatchObject({ status: 200, host: fallback.host });
    expect((await bytesOf(res.body)).equals(body)).toBe(true);
    expect(fallback.requests[0].body.equals(body)).toBe(true);
    expect(events.map((e) => [e.outcome, e.status])).toEqual([
      ['http_error', 503],
      ['ok', 200],
    ]);
  });

  it('sends a streamed body once and hands a 5xx back as it came', async () => {
    primary.route(UPLOAD, unavailable);
    fallback.route(UPLOAD, echo);
    const res = await client.request({
      method: 'POST',
      path: UPLOAD,
      body: Readable.from([Buffer.from('part1'), Buffer.from('part2')]),
    });
    expect(res).toMatchObject({
      status: 503,
      host: primary.host,
      headers: expect.objectContaining({ 'x-side': 'primary' }),
    });
    await expect(text(res.body)).resolves.toBe('busy');
    expect(primary.requests[0].body.toString()).toBe('part1part2');
    expect(fallback.hits()).toBe(0);
  });

  it('returns the last 5xx once retries are used up', async () => {
    primary.route(MEDIA, unavailable);
    fallback.route(MEDIA, (_req, res) => res.writeHead(502).end('bad gateway'));
    const res = await client.request({ method: 'GET', path: MEDIA });
    expect(res.status).toBe(503); // primary, fallback, primary
    await expect(text(res.body)).resolves.toBe('busy');
    expect(events).toHaveLength(3);
  });

  it('passes a 4xx or a WeChat errcode through without retrying', async () => {
    primary.route(MEDIA, (_req, res) => sendJson(res, { errcode: 40007, errmsg: 'invalid media_id' }));
    const res = await client.request({ method: 'GET', path: MEDIA });
    expect(JSON.parse(await text(res.body))).toMatchObject({ errcode: 40007 });
    const missing = await client.request({ method: 'GET', path: '/nowhere' });
    expect(missing.status).toBe(404);
    await bytesOf(missing.body);
    expect(events.map((e) => e.outcome)).toEqual(['ok', 'http_error']);
    expect(fallback.hits()).toBe(0);
  });
});
