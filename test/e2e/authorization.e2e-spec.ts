import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthorizationService } from '../../src/authorization/authorization.service.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import { authorizeLikeBrowser, seedTicket, wechatUrlOf } from '../support/auth-flow.js';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

const RETURN_TO = 'https://app.example.com/wechat/done?state=42&x=a%26b';
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 MicroMessenger/8.0.40';

describe('authorization flow against the simulator', () => {
  let gw: SimGateway;
  const api = () => request(gw.app.getHttpServer());
  const queryAuthCalls = (code: string) =>
    gw.sim
      .calls({ path: '/cgi-bin/component/api_query_auth' })
      .filter((c) => (c.body as Record<string, unknown> | undefined)?.authorization_code === code);

  beforeAll(async () => {
    gw = await startSimGateway();
    await seedTicket(gw.app, gw.sim);
  }, 30_000);
  afterAll(() => gw.close());

  it('PC: gateway page → WeChat page (Referer) → confirm → callback → return_to with appid; stored sealed', async () => {
    const entry = await fetch(`${gw.url}/wechat/authorize?redirect_uri=${encodeURIComponent(RETURN_TO)}`);
    expect(entry.status).toBe(200); // a page, never a bare 302 (§5.2)
    expect(entry.headers.get('content-type')).toMatch(/^text\/html/);
    expect(entry.headers.get('referrer-policy')).toBe('no-referrer-when-downgrade');
    expect(entry.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
    const wechatUrl = wechatUrlOf(await entry.text());
    expect(wechatUrl.startsWith(`${gw.sim.mpUrl}/cgi-bin/componentloginpage?`)).toBe(true);
    // Without the gateway page as Referer, WeChat refuses (the reason for the page).
    const bare = await fetch(wechatUrl);
    expect(bare.headers.get('x-sim-error')).toBe('domain');

    const flow = await authorizeLikeBrowser(gw.url, 'wxdemoofficial0001', { redirectUri: RETURN_TO });
    expect(flow.callbackUrl.startsWith(`${gw.url}/wechat/authorize/callback?return_to=`)).toBe(true);
    const back = await fetch(flow.callbackUrl, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const landed = new URL(back.headers.get('location')!);
    expect(`${landed.origin}${landed.pathname}`).toBe('https://app.example.com/wechat/done');
    expect(landed.searchParams.get('state')).toBe('42');
    expect(landed.searchParams.get('x')).toBe('a&b');
    expect(landed.searchParams.get('appid')).toBe('wxdemoofficial0001');

    const { body } = await api().get('/api/accounts').auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
    expect(body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ appid: 'wxdemoofficial0001', status: 'authorized', kind: 'official_account' }),
      ]),
    );
    const plain = gw.sim.state.authorizations.get('wxdemoofficial0001')!.refreshToken!;
    const [row] = await gw.app
      .get(DataSource)
      .query('SELECT refresh_token_sealed FROM accounts WHERE appid = ?', ['wxdemoofficial0001']);
    expect(row.refresh_token_sealed).not.toContain(plain);
    expect(gw.app.get(SecretBox).open(row.refresh_token_sealed)).toBe(plain);
  });

  it('mobile: the new H5 page on the open host; no return_to gives the result page', async () => {
    const flow = await authorizeLikeBrowser(gw.url, 'wxdemominiprog0001', { userAgent: PHONE_UA });
    const wechat = new URL(flow.wechatUrl);
    expect(`${wechat.origin}${wechat.pathname}`).toBe(`${gw.sim.openUrl}/wxaopen/safe/bindcomponent`);
    expect(wechat.hash).toBe('#wechat_redirect');
    const back = await fetch(flow.callbackUrl, { redirect: 'manual' });
    expect(back.status).toBe(200);
    const html = await back.text();
    expect(html).toContain('Demo Mini Program (simulated) (wxdemominiprog0001)');
    const { body } = await api()
      .get('/api/accounts/wxdemominiprog0001')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(body).toMatchObject({ kind: 'mini_program', status: 'authorized', func_ids: [17, 18, 19, 20] });
  });

  it('two concurrent callbacks with one code → one api_query_auth; after the memory is gone, a clear 400 page', async () => {
    const flow = await authorizeLikeBrowser(gw.url, 'wxdemoofficial0002', { redirectUri: RETURN_TO });
    const [a, b] = await Promise.all([
      fetch(flow.callbackUrl, { redirect: 'manual' }),
      fetch(flow.callbackUrl, { redirect: 'manual' }),
    ]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(queryAuthCalls(flow.authCode)).toHaveLength(1);

    await gw.app.get<Cache>(CACHE_MANAGER).clear();
    const reused = await fetch(flow.callbackUrl, { redirect: 'manual' });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('already used or has expired; start again');
  });

  it('exchanges a code once when the service is called concurrently (push and callback)', async () => {
    const { authCode } = await gw.sim.authorizeDirectly('wxdemoofficial0001');
    const svc = gw.app.get(AuthorizationService);
    const [a, b] = await Promise.all([
      svc.exchangeAuthorizationCode(authCode, 'push'),
      svc.exchangeAuthorizationCode(authCode, 'callback'),
    ]);
    expect(a.appid).toBe('wxdemoofficial0001');
    expect(b.appid).toBe('wxdemoofficial0001');
    expect(queryAuthCalls(authCode)).toHaveLength(1);
    const metrics = await api().get('/metrics').expect(200);
    // The simulator's `authorized` push reached the events URL first and spent the code there;
    // both later calls got that result from the per-code cache instead of burning the code again.
    expect(metrics.text).toMatch(/gateway_authorizations_total\{source="push",result="ok"\} \d+/);
    expect(metrics.text).toMatch(/gateway_authorizations_total\{source="callback",result="cached"\} \d+/);
  });

  it('refuses a redirect_uri off the allow-list: 400 page, 400 JSON naming redirect_uri', async () => {
    const page = await fetch(`${gw.url}/wechat/authorize?redirect_uri=${encodeURIComponent('https://evil.test/x')}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('redirect_uri');
    const { body } = await api()
      .post('/api/authorizations/url')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .send({ redirect_uri: 'https://app.example.com.evil.test/wechat/' })
      .expect(400);
    expect(body.message).toContain('redirect_uri');
    const forged = await fetch(
      `${gw.url}/wechat/authorize/callback?auth_code=x&return_to=${encodeURIComponent('https://evil.test/')}`,
      { redirect: 'manual' },
    );
    expect(forged.status).toBe(400);
  });

  it('answers 400 for a callback without auth_code', async () => {
    const res = await fetch(`${gw.url}/wechat/authorize/callback`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('mints a fresh pre_auth_code on every call', async () => {
    const before = gw.sim.calls({ path: '/cgi-bin/component/api_create_preauthcode' }).length;
    const call = () => api().post('/api/authorizations/pre-auth-code').auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
    const [a, b] = [(await call()).body, (await call()).body];
    expect(a.pre_auth_code).not.toBe(b.pre_auth_code);
    expect(a.expires_in).toBeGreaterThan(0);
    expect(gw.sim.calls({ path: '/cgi-bin/component/api_create_preauthcode' }).length - before).toBe(2);
  });

  it('builds the URLs for given options', async () => {
    const { body } = await api()
      .post('/api/authorizations/url')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .send({ redirect_uri: RETURN_TO, biz_appid: 'wxdemoofficial0002' })
      .expect(200);
    expect(new URL(body.gateway_url).searchParams.get('redirect_uri')).toBe(RETURN_TO);
    const pc = new URL(body.pc_url);
    expect(pc.searchParams.get('biz_appid')).toBe('wxdemoofficial0002');
    expect(pc.searchParams.get('pre_auth_code')).toBe(body.pre_auth_code);
    const callback = new URL(pc.searchParams.get('redirect_uri')!);
    expect(callback.origin).toBe(gw.url);
    expect(callback.searchParams.get('return_to')).toBe(RETURN_TO);
    expect(body.mobile_url).toMatch(
      /\/wxaopen\/safe\/bindcomponent\?action=bindcomponent&no_scan=1&.*#wechat_redirect$/,
    );
    expect(body.mobile_url_legacy).toMatch(/\/safe\/bindcomponent\?action=bindcomponent&no_scan=1&/);
  });

  it('needs accounts:write for the API', async () => {
    const { body: key } = await api()
      .post('/api/keys')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .send({ name: 'reader', scopes: ['tokens:read'] })
      .expect(201);
    await api().post('/api/authorizations/pre-auth-code').auth(key.key, { type: 'bearer' }).expect(403);
    await api().post('/api/authorizations/url').expect(401);
  });
});

describe('authorization without a configured component', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('shows a 503 page and answers 503 JSON', async () => {
    const page = await request(app.getHttpServer()).get('/wechat/authorize').expect(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    await request(app.getHttpServer())
      .post('/api/authorizations/pre-auth-code')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(503);
  });
});
