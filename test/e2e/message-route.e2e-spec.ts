import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

/** The message URL's POST is answered ahead of express: same error shape, counted in /metrics. */
describe('message URL fast path', () => {
  let gw: SimGateway;
  const url = (appid: string, query: string) => `${gw.url}/wechat/accounts/${appid}/messages?${query}`;

  beforeAll(async () => {
    gw = await startSimGateway();
  });
  afterAll(() => gw.close());

  it('answers errors in the contract shape and counts them by route pattern', async () => {
    const res = await fetch(url('wx0123456789abcdef', 'timestamp=1&nonce=2&signature=bad'), {
      method: 'POST',
      body: '<xml><Content>x</Content></xml>',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const bad = await fetch(url('wx%E0%A4%A', 'timestamp=1&nonce=2&signature=bad'), { method: 'POST', body: 'x' });
    expect(bad.status).toBe(400);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(
      /gateway_http_request_duration_seconds_count\{method="POST",route="\/wechat\/accounts\/:appid\/messages",status="401"\} 1/,
    );
  });

  it('refuses a body over the limit with 413 and keeps serving', async () => {
    const res = await fetch(url('wx0123456789abcdef', 'timestamp=1&nonce=2&signature=x'), {
      method: 'POST',
      body: 'A'.repeat(300 * 1024),
    });
    expect(res.status).toBe(413);
    expect((await fetch(`${gw.url}/health/live`)).status).toBe(200);
  });

  it('leaves every other route to express and Nest', async () => {
    expect((await fetch(`${gw.url}/wechat/accounts/wx0123456789abcdef/messages?echostr=1`)).status).toBe(400);
    expect((await fetch(`${gw.url}/api/keys`)).status).toBe(401);
  });
});
