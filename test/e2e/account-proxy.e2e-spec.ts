import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ADMIN_KEY } from '../support/create-test-app.js';
import {
  OA,
  MP,
  authorizeAccounts,
  createKey,
  currentToken,
  firstUser,
  rawRequest,
  sha256,
  startEvilServer,
  type EvilServer,
} from '../support/proxy-fixtures.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';
const USER_INFO = '/cgi-bin/user/info';

describe('ALL /api/accounts/:appid/proxy/* against the simulator', () => {
  let gw: SimGateway;
  let evil: EvilServer;
  const auth = { authorization: `Bearer ${ADMIN_KEY}` };
  const proxy = (path: string) => `/api/accounts/${OA}/proxy${path}`;
  const api = () => request(gw.app.getHttpServer());

  beforeAll(async () => {
    gw = await startSimGateway();
    evil = await startEvilServer();
    await authorizeAccounts(gw.app, gw.sim, [OA, MP]);
  }, 30_000);
  afterAll(async () => {
    await gw?.close();
    await evil?.close();
  });

  it("passes a JSON answer back with WeChat's status and content type, with the account's token", async () => {
    const openid = firstUser(gw.sim, OA);
    const res = await api()
      .get(proxy(`${USER_INFO}?openid=${openid}&access_token=caller-token`))
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ openid, subscribe: 1 });
    const call = gw.sim.calls({ path: USER_INFO }).at(-1)!;
    expect(call.query).toEqual({ openid, access_token: await currentToken(gw.app, OA) });
  });

  it('passes a WeChat error through as it came (200 with errcode), no retry', async () => {
    const before = gw.sim.calls({ path: USER_INFO }).length;
    const res = await api()
      .get(proxy(`${USER_INFO}?openid=nobody`))
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(res.body.errcode).toBe(40003);
    expect(gw.sim.calls({ path: USER_INFO }).length).toBe(before + 1);
  });

  it('after the token is invalidated elsewhere, still succeeds with exactly one api_authorizer_token call', async () => {
    const old = await currentToken(gw.app, OA);
    gw.sim.invalidateToken(old);
    const before = gw.sim.calls({ path: AUTHORIZER_TOKEN }).length;
    const body = JSON.stringify({ button: [{ type: 'click', name: 'Hi', key: 'HI' }] });
    const res = await api()
      .post(proxy('/cgi-bin/menu/create'))
      .auth(ADMIN_KEY, { type: 'bearer' })
      .set('content-type', 'application/json')
      .send(body)
      .expect(200);
    expect(res.body).toMatchObject({ errcode: 0 });
    expect(gw.sim.calls({ path: AUTHORIZER_TOKEN }).length).toBe(before + 1);
    const calls = gw.sim.calls({ path: '/cgi-bin/menu/create' });
    expect(calls.map((c) => c.errcode)).toEqual([40001, 0]);
    expect(calls[1].body).toEqual(JSON.parse(body)); // the same body, resent once
    expect(calls[1].query.access_token).toBe(await currentToken(gw.app, OA));
    expect(calls[1].query.access_token).not.toBe(old);
  });

  it('passes a multipart upload and a binary download through byte for byte', async () => {
    const image = randomBytes(300 * 1024);
    const form = new FormData();
    form.append('media', new Blob([image], { type: 'image/jpeg' }), 'photo.jpg');
    const up = await fetch(`${gw.url}${proxy('/cgi-bin/media/upload?type=image')}`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    expect(up.status).toBe(200);
    const { media_id: mediaId, type } = (await up.json()) as { media_id: string; type: string };
    expect(type).toBe('image');
    const down = await fetch(`${gw.url}${proxy(`/cgi-bin/media/get?media_id=${mediaId}`)}`, { headers: auth });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await down.arrayBuffer());
    expect(bytes.length).toBe(image.length);
    expect(sha256(bytes)).toBe(sha256(image));
    expect(gw.sim.state.media.get(mediaId)?.data.equals(image)).toBe(true);
  });

  it('streams a body over 10 MB once: it arrives whole, and a token error then goes back unretried', async () => {
    const big = randomBytes(11 * 1024 * 1024);
    const upload = () => {
      const form = new FormData();
      form.append('media', new Blob([big], { type: 'image/png' }), 'big.png');
      return fetch(`${gw.url}${proxy('/cgi-bin/media/upload?type=image')}`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
    };
    const up = await upload();
    const { media_id: mediaId } = (await up.json()) as { media_id: string };
    expect(sha256(gw.sim.state.media.get(mediaId)!.data)).toBe(sha256(big));

    gw.sim.invalidateToken(await currentToken(gw.app, OA));
    const before = gw.sim.calls({ path: AUTHORIZER_TOKEN }).length;
    const rejected = await upload();
    expect(((await rejected.json()) as { errcode: number }).errcode).toBe(40001);
    expect(gw.sim.calls({ path: AUTHORIZER_TOKEN }).length).toBe(before); // dropped, not yet renewed
    const openid = firstUser(gw.sim, OA);
    await api()
      .get(proxy(`${USER_INFO}?openid=${openid}`))
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(gw.sim.calls({ path: AUTHORIZER_TOKEN }).length).toBe(before + 1);
  }, 30_000);

  describe('never leaves the WeChat API host', () => {
    const attempts = () => [
      `/http://evil.test/x`,
      `/http://${evil.host}/x`,
      `/https:%2F%2F${evil.host}/x`,
      `//evil.test/x`,
      `//${evil.host}/x`,
      `/%2e%2e/%2e%2e/x`,
      `/cgi-bin/..%2f..%2fx`,
      `/cgi-bin/%2E%2E/x`,
      `/\\\\${evil.host}/x`,
      `/%5c%5c${evil.host}/x`,
      `/@${evil.host}/x`,
      `/cgi-bin@${evil.host}/x`,
      `/%40${evil.host}/x`,
      `/${evil.host}@api.weixin.qq.com/x`,
    ];

    it('refuses every host-switching path with 400 and calls nobody', async () => {
      gw.sim.clearRecords();
      for (const path of attempts()) {
        const res = await rawRequest(gw.url, `/api/accounts/${OA}/proxy${path}`, { headers: auth });
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(JSON.parse(res.body).message).toContain('refusing WeChat path');
      }
      expect(gw.sim.calls()).toEqual([]);
      expect(evil.hits()).toBe(0);
    });

    it('ignores Host and forwarding headers: the call goes to WeChat only', async () => {
      const openid = firstUser(gw.sim, OA);
      const res = await rawRequest(gw.url, `/api/accounts/${OA}/proxy${USER_INFO}?openid=${openid}`, {
        headers: { ...auth, host: evil.host, 'x-forwarded-host': evil.host, 'x-forwarded-proto': 'http' },
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ openid });
      expect(evil.hits()).toBe(0);
    });
  });

  describe('API keys', () => {
    it('needs the proxy scope (403 without it, no WeChat call)', async () => {
      const key = await createKey(gw.app, ['tokens:read']);
      gw.sim.clearRecords();
      const res = await api().get(proxy(USER_INFO)).auth(key, { type: 'bearer' }).expect(403);
      expect(res.body.message).toContain('proxy');
      expect(gw.sim.calls()).toEqual([]);
    });

    it('is 403 for an appid outside the key allow-list, 200 inside it', async () => {
      const key = await createKey(gw.app, ['proxy'], [MP]);
      const res = await api().get(proxy(USER_INFO)).auth(key, { type: 'bearer' }).expect(403);
      expect(res.body.message).toContain(OA);
      await api().get(`/api/accounts/${MP}/proxy/wxa/get_latest_auditstatus`).auth(key, { type: 'bearer' }).expect(200);
    });

    it('needs a key at all', () => api().get(proxy(USER_INFO)).expect(401));
  });

  it('is 404 for an unknown account', async () => {
    await api()
      .get('/api/accounts/wxnobody0000000001/proxy/cgi-bin/user/info')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(404);
  });

  it('counts proxied calls by endpoint group and errcode, never by full path or token', async () => {
    const { text } = await api().get('/metrics').expect(200);
    expect(text).toMatch(/gateway_proxy_requests_total\{endpoint_group="cgi-bin\/user",outcome="ok",errcode="0"\} \d+/);
    expect(text).toMatch(
      /gateway_proxy_requests_total\{endpoint_group="cgi-bin\/user",outcome="wechat_error",errcode="40003"\} 1/,
    );
    expect(text).toMatch(/gateway_proxy_requests_total\{endpoint_group="other",outcome="refused",errcode="0"\} 14/);
    expect(text).not.toMatch(/gateway_proxy_requests_total\{[^}]*media_id/);
    expect(text).not.toContain(await currentToken(gw.app, OA));
  });
});
