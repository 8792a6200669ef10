import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { authorize } from '../testing/flows.js';
import { getJson, postJson, withParams } from '../testing/http.js';
import { DEFAULT_DIRECT_ACCOUNTS, DEFAULT_SEED_ACCOUNTS } from '../seed-data.js';
import { WechatSimulator } from '../wechat-simulator.js';

const [OA1, OA2, MP] = DEFAULT_SEED_ACCOUNTS;
const DIRECT = DEFAULT_DIRECT_ACCOUNTS[0];
const FAN = OA1.users[0].openid;

describe('account APIs with authorizer and direct tokens', () => {
  let sim: WechatSimulator;
  let oa: string;
  let mp: string;
  let component: string;
  const url = (path: string, query: Record<string, string>) => withParams(`${sim.url}${path}`, query);
  const send = (token: string, touser = FAN, content = 'hi') =>
    postJson(url('/cgi-bin/message/custom/send', { access_token: token }), {
      touser,
      msgtype: 'text',
      text: { content },
    });

  beforeAll(async () => {
    sim = await WechatSimulator.start({ quiet: true });
    const a = await authorize(sim, OA1.appid);
    oa = a.accessToken;
    component = a.componentToken;
    mp = (await authorize(sim, MP.appid, undefined, component)).accessToken;
  });
  afterAll(() => sim.stop());

  it('getticket returns the same jsapi ticket while valid, for authorizer and direct tokens', async () => {
    const first = await getJson(url('/cgi-bin/ticket/getticket', { access_token: oa, type: 'jsapi' }));
    const second = await getJson(url('/cgi-bin/ticket/getticket', { access_token: oa, type: 'jsapi' }));
    expect(first.body).toMatchObject({ errcode: 0, expires_in: 7200 });
    expect(second.body.ticket).toBe(first.body.ticket);
    const card = await getJson(url('/cgi-bin/ticket/getticket', { access_token: oa, type: 'wx_card' }));
    expect(card.body.ticket).not.toBe(first.body.ticket);
    const direct = await getJson(
      url('/cgi-bin/token', { grant_type: 'client_credential', appid: DIRECT.appid, secret: DIRECT.secret }),
    );
    const own = await getJson(
      url('/cgi-bin/ticket/getticket', { access_token: String(direct.body.access_token), type: 'jsapi' }),
    );
    expect(own.body.errcode).toBe(0);
    expect((await getJson(url('/cgi-bin/ticket/getticket', { type: 'jsapi' }))).body.errcode).toBe(41001);
  });

  it('custom send records touser/content and checks openid, token kind and permission set', async () => {
    expect((await send(oa, FAN, 'hello')).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(sim.customMessages().at(-1)).toMatchObject({
      appid: OA1.appid,
      touser: FAN,
      content: 'hello',
      tokenKind: 'authorizer',
    });
    expect((await send(oa, 'oNOBODY')).body.errcode).toBe(40003);
    expect((await send(component)).body.errcode).toBe(48001);
    const limited = await authorize(sim, OA2.appid, [2, 15], component);
    expect((await send(limited.accessToken, OA2.users[0].openid)).body.errcode).toBe(48001);
    expect((await send(mp, MP.users[0].openid)).body.errcode).toBe(0);
  });

  it('user info and template send', async () => {
    const info = await getJson(url('/cgi-bin/user/info', { access_token: oa, openid: FAN, lang: 'zh_CN' }));
    expect(info.body).toMatchObject({ subscribe: 1, openid: FAN });
    expect((await getJson(url('/cgi-bin/user/info', { access_token: oa, openid: 'oX' }))).body.errcode).toBe(40003);
    const tpl = await postJson(url('/cgi-bin/message/template/send', { access_token: oa }), {
      touser: FAN,
      template_id: 'tpl_demo',
      data: { first: { value: 'x' } },
    });
    expect(tpl.body).toMatchObject({ errcode: 0, msgid: expect.any(Number) });
  });

  it('media upload parses multipart and media/get returns the same bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
    const form = new FormData();
    form.append('media', new Blob([bytes], { type: 'image/png' }), 'a.png');
    const res = await fetch(url('/cgi-bin/media/upload', { access_token: oa, type: 'image' }), {
      method: 'POST',
      body: form,
    });
    const uploaded = (await res.json()) as Record<string, string>;
    expect(uploaded).toMatchObject({ type: 'image', media_id: expect.any(String) });
    const got = await fetch(url('/cgi-bin/media/get', { access_token: oa, media_id: uploaded.media_id }));
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
    const foreign = await getJson(url('/cgi-bin/media/get', { access_token: mp, media_id: uploaded.media_id }));
    expect(foreign.body.errcode).toBe(40007);
    const empty = await fetch(url('/cgi-bin/media/upload', { access_token: oa, type: 'image' }), {
      method: 'POST',
      body: new FormData(),
    });
    expect(((await empty.json()) as Record<string, number>).errcode).toBe(41005);
  });

  it('menu create, get, delete', async () => {
    const button = [{ type: 'click', name: 'Hi', key: 'HI' }];
    expect((await postJson(url('/cgi-bin/menu/create', { access_token: oa }), { button })).body.errcode).toBe(0);
    expect((await getJson(url('/cgi-bin/menu/get', { access_token: oa }))).body).toEqual({ menu: { button } });
    await getJson(url('/cgi-bin/menu/delete', { access_token: oa }));
    expect((await getJson(url('/cgi-bin/menu/get', { access_token: oa }))).body.errcode).toBe(46003);
  });

  it('component web OAuth: single-use code, exact parameter names, userinfo and refresh', async () => {
    const exchange = (code: string, tokenName = 'component_access_token') =>
      getJson(
        url('/sns/oauth2/component/access_token', {
          appid: OA1.appid,
          code,
          grant_type: 'authorization_code',
          component_appid: sim.component.appId,
          [tokenName]: component,
        }),
      );
    const code = sim.issueOAuthCode(OA1.appid, FAN, 'snsapi_userinfo');
    expect((await exchange(code, 'access_token')).body.errcode).toBe(41001);
    const { body } = await exchange(code);
    expect(body).toMatchObject({ openid: FAN, scope: 'snsapi_userinfo', expires_in: 7200 });
    expect((await exchange(code)).body.errcode).toBe(40163);
    expect((await exchange('made-up')).body.errcode).toBe(40029);
    const user = await getJson(url('/sns/userinfo', { access_token: String(body.access_token), openid: FAN }));
    expect(user.body.openid).toBe(FAN);
    const refreshed = await getJson(
      url('/sns/oauth2/component/refresh_token', {
        appid: OA1.appid,
        grant_type: 'refresh_token',
        component_appid: sim.component.appId,
        component_access_token: component,
        refresh_token: String(body.refresh_token),
      }),
    );
    expect(refreshed.body.access_token).not.toBe(body.access_token);
  });

  it('jscode2session: js_code single use, 41008 for `code`, 61003 for unauthorized mini programs', async () => {
    const call = (params: Record<string, string>) =>
      getJson(
        url('/sns/component/jscode2session', {
          appid: MP.appid,
          grant_type: 'authorization_code',
          component_appid: sim.component.appId,
          component_access_token: component,
          ...params,
        }),
      );
    const jsCode = sim.issueJsCode(MP.appid);
    expect((await call({ code: jsCode })).body.errcode).toBe(41008);
    expect((await call({ js_code: jsCode })).body).toMatchObject({
      openid: MP.users[0].openid,
      session_key: expect.any(String),
    });
    expect((await call({ js_code: jsCode })).body.errcode).toBe(40163);
    const release = sim.issueJsCode('wxd101a85aa106f53e');
    expect((await call({ js_code: release, appid: 'wxd101a85aa106f53e' })).body.errcode).toBe(61003);
  });

  it('mini-program code management: commit, submit_audit, audit result, release, modify_domain', async () => {
    const wxa = (path: string, body: object, token = mp) => postJson(url(path, { access_token: token }), body);
    expect((await wxa('/wxa/submit_audit', {})).body.errcode).toBe(86001);
    expect(
      (await wxa('/wxa/commit', { template_id: '1', user_version: 'v1', user_desc: 'd', ext_json: '{}' })).body.errcode,
    ).toBe(0);
    expect((await wxa('/wxa/submit_audit', {})).body).toMatchObject({ errcode: 0, auditid: expect.any(Number) });
    expect((await wxa('/wxa/submit_audit', {})).body.errcode).toBe(85009);
    expect((await wxa('/wxa/release', {})).body.errcode).toBe(85020);
    await sim.completeAudit(MP.appid, true);
    expect(sim.pushes({ target: 'message' }).at(-1)?.type).toBe('event:weapp_audit_success');
    expect((await wxa('/wxa/release', {})).body.errcode).toBe(0);
    const domains = await wxa('/wxa/modify_domain', { action: 'add', requestdomain: ['https://a.example.com'] });
    expect(domains.body.requestdomain).toEqual(['https://a.example.com']);
    expect((await wxa('/wxa/commit', { template_id: '1', user_version: 'v2' }, oa)).body.errcode).toBe(48001);
  });

  it('a revoked authorizer token answers 61003', async () => {
    const other = await authorize(sim, OA2.appid, [1], component);
    await sim.revoke(OA2.appid);
    expect((await send(other.accessToken, OA2.users[0].openid)).body.errcode).toBe(61003);
  });
});
