import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { FakeGateway } from './testing/fake-gateway.js';
import { getJson, postForm, postJson, rawRequest, waitFor, withParams } from './testing/http.js';
import { DEFAULT_COMPONENT as C } from './seed-data.js';
import { WechatSimulator } from './wechat-simulator.js';

const OA = 'wxdemoofficial0001';

/**
 * The "Done when" scenario, over HTTP only: ticket push → api_component_token → pre_auth_code →
 * page → confirm → authorized push + redirect with auth_code → api_query_auth → api_authorizer_token.
 */
describe('full authorization against the simulator, HTTP only', () => {
  let sim: WechatSimulator;
  let gw: FakeGateway;
  let componentToken = '';
  let preAuthCode = '';
  let authCode = '';
  let firstAuthorizerToken = '';
  let refreshToken = '';
  const api = (path: string) => withParams(`${sim.url}${path}`, { component_access_token: componentToken });
  const domain = () => new URL(gw.url).host;
  const callback = () => `${gw.url}/wechat/authorize/callback?tenant=7`;
  const pageUrl = (code: string, redirectUri = callback()) =>
    withParams(`${sim.mpUrl}/cgi-bin/componentloginpage`, {
      component_appid: C.appId,
      pre_auth_code: code,
      redirect_uri: redirectUri,
      auth_type: '3',
    });
  const confirm = (code: string, appid = OA, funcIds?: number[]) =>
    postForm(`${sim.mpUrl}/cgi-bin/componentloginpage`, [
      ['pre_auth_code', code],
      ['redirect_uri', callback()],
      ['appid', appid],
      ...(funcIds ?? []).map((id): [string, string] => ['func_id', String(id)]),
    ]);
  const newPreAuthCode = async () =>
    String(
      (await postJson(api('/cgi-bin/component/api_create_preauthcode'), { component_appid: C.appId })).body
        .pre_auth_code,
    );

  beforeAll(async () => {
    gw = await FakeGateway.start(C);
    sim = await WechatSimulator.start({
      quiet: true,
      eventUrl: gw.eventUrl,
      initiationDomain: domain(),
      pushTimeoutMs: 300,
    });
  });
  afterAll(async () => {
    await sim.stop();
    await gw.stop();
  });

  it('1. receives the ticket push and gets a component token with it', async () => {
    const push = await waitFor(() => gw.pushesOf('component_verify_ticket')[0]);
    const { body } = await postJson(`${sim.url}/cgi-bin/component/api_component_token`, {
      component_appid: C.appId,
      component_appsecret: C.appSecret,
      component_verify_ticket: push.fields.ComponentVerifyTicket,
    });
    componentToken = String(body.component_access_token);
    expect(body.expires_in).toBe(7200);
  });

  it('2. gets a pre_auth_code', async () => {
    preAuthCode = await newPreAuthCode();
    expect(preAuthCode).toMatch(/^preauthcode@@@/);
  });

  it('3. refuses the page without a Referer on the initiation domain, or with a foreign redirect_uri', async () => {
    const direct = await rawRequest(pageUrl(preAuthCode));
    expect(direct.headers['x-sim-error']).toBe('domain');
    expect(direct.text).toContain('entry page domain: empty');
    const foreign = await rawRequest(pageUrl(preAuthCode), { headers: { Referer: 'http://elsewhere.example/x' } });
    expect(foreign.text).toContain('entry page domain: elsewhere.example');
    const badRedirect = await rawRequest(pageUrl(preAuthCode, 'http://evil.example/cb'), {
      headers: { Referer: `${gw.url}/wechat/authorize` },
    });
    expect(badRedirect.headers['x-sim-error']).toBe('redirect_uri');
  });

  it('4. shows the seeded accounts with stable authorize buttons when entered from the initiation domain', async () => {
    const page = await rawRequest(pageUrl(preAuthCode), { headers: { Referer: `${gw.url}/wechat/authorize` } });
    expect(page.status).toBe(200);
    expect(page.headers['x-sim-error']).toBeUndefined();
    expect(page.text).toContain(`data-appid="${OA}"`);
    expect(page.text).toContain('data-appid="wxdemominiprog0001"');
    const mpOnly = await rawRequest(pageUrl(preAuthCode).replace('auth_type=3', 'auth_type=2'), {
      headers: { Referer: `${gw.url}/` },
    });
    expect(mpOnly.text).not.toContain(`data-appid="${OA}"`);
  });

  it('5. on confirm pushes authorized before redirecting to redirect_uri with auth_code and expires_in', async () => {
    const answer = await confirm(preAuthCode);
    expect(answer.status).toBe(302);
    const location = new URL(String(answer.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(`${gw.url}/wechat/authorize/callback`);
    expect(location.searchParams.get('tenant')).toBe('7');
    expect(location.searchParams.get('expires_in')).toBe('3600');
    authCode = String(location.searchParams.get('auth_code'));
    expect(authCode).toMatch(/^queryauthcode@@@/);
    const [push] = gw.pushesOf('authorized');
    expect(push.fields).toMatchObject({ AuthorizerAppid: OA, AuthorizationCode: authCode, PreAuthCode: preAuthCode });
    expect(Number(push.fields.AuthorizationCodeExpiredTime)).toBe(Number(push.fields.CreateTime) + 3600);
  });

  it('6. treats the pre_auth_code as used', async () => {
    const again = await confirm(preAuthCode);
    expect(again.headers['x-sim-error']).toBe('pre_auth_code_used');
    const page = await rawRequest(pageUrl(preAuthCode), { headers: { Referer: `${gw.url}/` } });
    expect(page.text).toContain('61009');
  });

  it('7. exchanges the auth code once (61009 the second time)', async () => {
    const { body } = await postJson(api('/cgi-bin/component/api_query_auth'), {
      component_appid: C.appId,
      authorization_code: authCode,
    });
    const info = body.authorization_info as Record<string, unknown>;
    expect(info.authorizer_appid).toBe(OA);
    expect(info.func_info).toEqual(expect.arrayContaining([{ funcscope_category: { id: 1 } }]));
    firstAuthorizerToken = String(info.authorizer_access_token);
    refreshToken = String(info.authorizer_refresh_token);
    expect(firstAuthorizerToken.length).toBeGreaterThanOrEqual(100);
    const again = await postJson(api('/cgi-bin/component/api_query_auth'), {
      component_appid: C.appId,
      authorization_code: authCode,
    });
    expect(again.body.errcode).toBe(61009);
  });

  it('8. refreshes the authorizer token; the old one overlaps 5 minutes, then 40001', async () => {
    const wrong = await postJson(api('/cgi-bin/component/api_authorizer_token'), {
      component_appid: C.appId,
      authorizer_appid: OA,
      authorizer_refresh_token: 'refreshtoken@@@wrong',
    });
    expect(wrong.body.errcode).toBe(61023);
    const { body } = await postJson(api('/cgi-bin/component/api_authorizer_token'), {
      component_appid: C.appId,
      authorizer_appid: OA,
      authorizer_refresh_token: refreshToken,
    });
    expect(body.authorizer_refresh_token).toBe(refreshToken);
    const useToken = async (t: string) =>
      (await getJson(withParams(`${sim.url}/cgi-bin/getcallbackip`, { access_token: t }))).body;
    sim.advanceClock(299);
    expect((await useToken(firstAuthorizerToken)).ip_list).toBeDefined();
    sim.advanceClock(1);
    expect((await useToken(firstAuthorizerToken)).errcode).toBe(40001);
    expect((await useToken(String(body.authorizer_access_token))).ip_list).toBeDefined();
  });

  it('9. answers 61010 for an expired auth code', async () => {
    const { authCode: code } = await sim.authorizeDirectly('wxdemoofficial0002');
    sim.advanceClock(3600);
    const { body } = await postJson(api('/cgi-bin/component/api_query_auth'), {
      component_appid: C.appId,
      authorization_code: code,
    });
    expect(body.errcode).toBe(61010);
  });

  it('10. pushes updateauthorized only when the set changed, but always redirects with a new code', async () => {
    await refreshComponentToken();
    const changed = await confirm(await newPreAuthCode(), OA, [1, 15]);
    expect(changed.status).toBe(302);
    expect(gw.pushesOf('updateauthorized')).toHaveLength(1);
    const unchanged = await confirm(await newPreAuthCode(), OA, [1, 15]);
    expect(new URL(String(unchanged.headers.location)).searchParams.get('auth_code')).toMatch(/^queryauthcode@@@/);
    expect(gw.pushesOf('updateauthorized')).toHaveLength(1);
  });

  it('11. revocation pushes unauthorized; the refresh token then answers 61023', async () => {
    const { revoked } = await sim.revoke(OA);
    expect(revoked).toBe(true);
    expect(gw.pushesOf('unauthorized').at(-1)?.fields.AuthorizerAppid).toBe(OA);
    const { body } = await postJson(api('/cgi-bin/component/api_authorizer_token'), {
      component_appid: C.appId,
      authorizer_appid: OA,
      authorizer_refresh_token: refreshToken,
    });
    expect(body.errcode).toBe(61023);
  });

  async function refreshComponentToken(): Promise<void> {
    const { body } = await postJson(`${sim.url}/cgi-bin/component/api_component_token`, {
      component_appid: C.appId,
      component_appsecret: C.appSecret,
      component_verify_ticket: (await sim.pushTicket()).plaintext.match(/ticket@@@\w+/)?.[0],
    });
    componentToken = String(body.component_access_token);
  }
});

describe('push order around the redirect', () => {
  it('answers the redirect first when pushAfterRedirect is set', async () => {
    const gw = await FakeGateway.start(C);
    gw.respond = async () => (await new Promise((r) => setTimeout(r, 300)), 'success');
    const sim = await WechatSimulator.start({
      quiet: true,
      eventUrl: gw.eventUrl,
      initiationDomain: new URL(gw.url).host,
      pushTicketOnStart: false,
      pushTimeoutMs: 1000,
    });
    try {
      const timeConfirm = async (funcId: number) => {
        const pre = sim.state.codes.issue('pre_auth', C.appId, 1800).code;
        const started = Date.now();
        const answer = await postForm(`${sim.mpUrl}/safe/bindcomponent`, [
          ['pre_auth_code', pre],
          ['redirect_uri', `${gw.url}/cb`],
          ['appid', 'wxdemominiprog0001'],
          ['func_id', String(funcId)],
        ]);
        expect(answer.status).toBe(302);
        return Date.now() - started;
      };
      expect(await timeConfirm(18)).toBeGreaterThanOrEqual(290); // authorized, pushed first
      sim.configure({ pushAfterRedirect: true });
      expect(await timeConfirm(17)).toBeLessThan(250); // updateauthorized, pushed after
      await waitFor(() => gw.pushesOf('updateauthorized')[0]);
    } finally {
      await sim.stop();
      await gw.stop();
    }
  });
});
