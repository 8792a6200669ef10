import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ADMIN_KEY } from '../support/create-test-app.js';
import { MP, OA, authorizeAccounts, firstUser } from '../support/proxy-fixtures.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

const OAUTH_PATH = '/sns/oauth2/component/access_token';
const JSCODE_PATH = '/sns/component/jscode2session';

describe('typed helpers: web OAuth and mini programs against the simulator', () => {
  let gw: SimGateway;
  const post = (path: string, body: object = {}) =>
    request(gw.app.getHttpServer()).post(path).auth(ADMIN_KEY, { type: 'bearer' }).send(body);
  const get = (path: string) => request(gw.app.getHttpServer()).get(path).auth(ADMIN_KEY, { type: 'bearer' });
  const componentToken = () => gw.sim.state.tokens.current('component', gw.sim.component.appId)!.value;

  beforeAll(async () => {
    gw = await startSimGateway();
    await authorizeAccounts(gw.app, gw.sim, [OA, MP]);
  }, 30_000);
  afterAll(() => gw?.close());

  describe('web OAuth on behalf (component mode)', () => {
    it('builds the authorize URL in the documented order with component_appid and connect_redirect=1', async () => {
      const { body } = await post(`/api/accounts/${OA}/oauth/authorize-url`, {
        redirect_uri: 'https://app.example.com/wechat/oauth?next=/a&b=1',
        scope: 'snsapi_userinfo',
        state: 'order42',
      }).expect(200);
      expect(body.url).toBe(
        `${gw.sim.openUrl}/connect/oauth2/authorize?appid=${OA}` +
          '&redirect_uri=https%3A%2F%2Fapp.example.com%2Fwechat%2Foauth%3Fnext%3D%2Fa%26b%3D1' +
          `&response_type=code&scope=snsapi_userinfo&state=order42&component_appid=${gw.sim.component.appId}` +
          '&connect_redirect=1#wechat_redirect',
      );
    });

    it('refuses a bad scope or state, naming the field', async () => {
      const a = await post(`/api/accounts/${OA}/oauth/authorize-url`, {
        redirect_uri: 'https://a.example/',
        scope: 'all',
      });
      expect(a.status).toBe(400);
      expect(a.body.message).toContain('scope');
      const b = await post(`/api/accounts/${OA}/oauth/authorize-url`, {
        redirect_uri: 'https://a.example/',
        scope: 'snsapi_base',
        state: 'a&b',
      });
      expect(b.status).toBe(400);
      expect(b.body.message).toContain('state');
    });

    it('exchanges a code with the current component token; a duplicate gets the same answer with one WeChat call', async () => {
      const openid = firstUser(gw.sim, OA);
      const code = gw.sim.issueOAuthCode(OA, openid, 'snsapi_userinfo');
      const before = gw.sim.calls({ path: OAUTH_PATH }).length;
      const [first, second] = await Promise.all([
        post(`/api/accounts/${OA}/oauth/exchange`, { code }),
        post(`/api/accounts/${OA}/oauth/exchange`, { code }),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body).toEqual({
        openid,
        access_token: expect.any(String),
        expires_in: expect.any(Number),
        refresh_token: expect.any(String),
        scope: 'snsapi_userinfo',
        ...(first.body.unionid ? { unionid: first.body.unionid } : {}),
      });
      expect(second.body).toEqual(first.body);
      const third = await post(`/api/accounts/${OA}/oauth/exchange`, { code }).expect(200);
      expect(third.body).toEqual(first.body);
      const calls = gw.sim.calls({ path: OAUTH_PATH }).slice(before);
      expect(calls).toHaveLength(1);
      expect(calls[0].query).toEqual({
        appid: OA,
        code,
        grant_type: 'authorization_code',
        component_appid: gw.sim.component.appId,
        component_access_token: componentToken(),
      });

      const profile = await get(
        `/api/accounts/${OA}/oauth/userinfo?access_token=${first.body.access_token}&openid=${openid}`,
      ).expect(200);
      expect(profile.body).toMatchObject({ openid });
    });

    it('renews a component token invalidated elsewhere and retries once', async () => {
      gw.sim.invalidateToken(componentToken());
      const code = gw.sim.issueOAuthCode(OA);
      const before = gw.sim.calls({ path: OAUTH_PATH }).length;
      await post(`/api/accounts/${OA}/oauth/exchange`, { code }).expect(200);
      expect(
        gw.sim
          .calls({ path: OAUTH_PATH })
          .slice(before)
          .map((c) => c.errcode),
      ).toEqual([40001, 0]);
    });

    it('never retries a spent or invalid code (40163, 40029)', async () => {
      const code = gw.sim.issueOAuthCode(OA);
      const spent = await post(`/api/accounts/${OA}/oauth/exchange`, { code: 'not-a-code' }).expect(502);
      expect(spent.body.errcode).toBe(40029);
      gw.sim.state.codes.consume('oauth', code); // someone else used it
      const before = gw.sim.calls({ path: OAUTH_PATH }).length;
      const used = await post(`/api/accounts/${OA}/oauth/exchange`, { code }).expect(502);
      expect(used.body.errcode).toBe(40163);
      expect(gw.sim.calls({ path: OAUTH_PATH }).length).toBe(before + 1);
    });
  });

  describe('mini program', () => {
    it('code-to-session sends the exact parameters and caches the answer per js_code', async () => {
      const jsCode = gw.sim.issueJsCode(MP);
      const before = gw.sim.calls({ path: JSCODE_PATH }).length;
      const first = await post(`/api/accounts/${MP}/mini-program/code-to-session`, { js_code: jsCode }).expect(200);
      expect(Object.keys(first.body).sort()).toEqual(
        first.body.unionid ? ['openid', 'session_key', 'unionid'] : ['openid', 'session_key'],
      );
      expect(first.body.openid).toBe(firstUser(gw.sim, MP));
      const again = await post(`/api/accounts/${MP}/mini-program/code-to-session`, { js_code: jsCode }).expect(200);
      expect(again.body).toEqual(first.body);
      const calls = gw.sim.calls({ path: JSCODE_PATH }).slice(before);
      expect(calls).toHaveLength(1);
      expect(calls[0].query).toEqual({
        appid: MP,
        js_code: jsCode,
        grant_type: 'authorization_code',
        component_appid: gw.sim.component.appId,
        component_access_token: componentToken(),
      });
    });

    it('refuses a missing js_code naming the field', async () => {
      const res = await post(`/api/accounts/${MP}/mini-program/code-to-session`, {}).expect(400);
      expect(res.body.message).toContain('js_code');
    });

    it('commits, submits for audit and releases', async () => {
      await post(`/api/accounts/${MP}/mini-program/commit`, {
        template_id: 3,
        ext_json: JSON.stringify({ extAppid: MP, ext: { shop: 1 } }),
        user_version: '1.0.0',
        user_desc: 'first',
      }).expect(200, {});
      expect(gw.sim.calls({ path: '/wxa/commit' }).at(-1)!.body).toMatchObject({
        template_id: 3,
        user_version: '1.0.0',
      });
      const audit = await post(`/api/accounts/${MP}/mini-program/submit-audit`, {
        item_list: [{ address: 'pages/index/index', tag: 'shop', title: 'Home' }],
      }).expect(200);
      expect(audit.body).toEqual({ auditid: expect.any(Number) });
      expect(gw.sim.calls({ path: '/wxa/submit_audit' }).at(-1)!.body).toEqual({
        item_list: [{ address: 'pages/index/index', tag: 'shop', title: 'Home' }],
      });
      const early = await post(`/api/accounts/${MP}/mini-program/release`).expect(502);
      expect(early.body.errcode).toBe(85020);
      await gw.sim.completeAudit(MP, true);
      await post(`/api/accounts/${MP}/mini-program/release`).expect(200, {});
      expect(gw.sim.state.wxaOf(MP).released).toBe('1.0.0');
    });

    it('changes and reads the server domains', async () => {
      const add = await post(`/api/accounts/${MP}/mini-program/domain`, {
        action: 'add',
        requestdomain: ['https://api.example.com'],
      }).expect(200);
      expect(add.body.requestdomain).toEqual(['https://api.example.com']);
      const read = await post(`/api/accounts/${MP}/mini-program/domain`, { action: 'get' }).expect(200);
      expect(read.body).toEqual({
        requestdomain: ['https://api.example.com'],
        wsrequestdomain: [],
        uploaddomain: [],
        downloaddomain: [],
      });
      const bad = await post(`/api/accounts/${MP}/mini-program/domain`, { action: 'drop' }).expect(400);
      expect(bad.body.message).toContain('action');
    });
  });
});
