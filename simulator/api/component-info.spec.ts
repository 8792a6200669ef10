import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { authorize, componentToken } from '../testing/flows.js';
import { postJson, withParams } from '../testing/http.js';
import { DEFAULT_DIRECT_ACCOUNTS, DEFAULT_SEED_ACCOUNTS } from '../seed-data.js';
import { WechatSimulator } from '../wechat-simulator.js';

const [OA1, OA2, MP] = DEFAULT_SEED_ACCOUNTS;
const DIRECT = DEFAULT_DIRECT_ACCOUNTS[0];

describe('authorizer info, list, options, quota (§4.6-4.11)', () => {
  let sim: WechatSimulator;
  let ct: string;
  const call = (path: string, body: object, token = ct, name = 'component_access_token') =>
    postJson(withParams(`${sim.url}${path}`, { [name]: token }), { component_appid: sim.component.appId, ...body });

  beforeAll(async () => {
    sim = await WechatSimulator.start({ quiet: true });
    ct = await componentToken(sim);
    await authorize(sim, OA1.appid, undefined, ct);
    await authorize(sim, MP.appid, undefined, ct);
    await sim.authorizeDirectly(OA2.appid); // code never exchanged
  });
  afterAll(() => sim.stop());

  it('paginates the authorizer list (count <= 500) with key refresh_token, absent before exchange', async () => {
    const page1 = await call('/cgi-bin/component/api_get_authorizer_list', { offset: 0, count: 2 });
    expect(page1.body.total_count).toBe(3);
    const list1 = page1.body.list as Record<string, unknown>[];
    expect(list1).toHaveLength(2);
    expect(list1[0]).toEqual({
      authorizer_appid: OA1.appid,
      refresh_token: expect.stringMatching(/^refreshtoken@@@/),
      auth_time: expect.any(Number),
    });
    const page2 = await call('/cgi-bin/component/api_get_authorizer_list', { offset: 2, count: 2 });
    expect(page2.body.list).toEqual([{ authorizer_appid: OA2.appid, auth_time: expect.any(Number) }]);
    expect((await call('/cgi-bin/component/api_get_authorizer_list', { offset: 0, count: 501 })).body.errcode).toBe(
      47001,
    );
  });

  it('describes official accounts and mini programs (MiniProgramInfo), 61003 when not authorized', async () => {
    const mp = await call('/cgi-bin/component/api_get_authorizer_info', { authorizer_appid: MP.appid });
    const info = mp.body.authorizer_info as Record<string, unknown>;
    expect(info.user_name).toBe(MP.userName);
    expect(info.MiniProgramInfo).toBeDefined();
    const oa = await call('/cgi-bin/component/api_get_authorizer_info', { authorizer_appid: OA1.appid });
    expect((oa.body.authorizer_info as Record<string, unknown>).MiniProgramInfo).toBeUndefined();
    expect((oa.body.authorization_info as Record<string, unknown>).authorizer_refresh_token).toMatch(
      /^refreshtoken@@@/,
    );
    const never = await call('/cgi-bin/component/api_get_authorizer_info', { authorizer_appid: 'wx570bc396a51b8ff8' });
    expect(never.body.errcode).toBe(61003);
  });

  it('sets and gets options in both generations, validating names and values', async () => {
    const set = await call('/cgi-bin/component/api_set_authorizer_option', {
      authorizer_appid: OA1.appid,
      option_name: 'voice_recognize',
      option_value: '1',
    });
    expect(set.body.errcode).toBe(0);
    const got = await call(
      '/cgi-bin/component/get_authorizer_option',
      { authorizer_appid: OA1.appid, option_name: 'voice_recognize' },
      ct,
      'access_token',
    );
    expect(got.body.option_value).toBe('1');
    const badName = await call('/cgi-bin/component/api_get_authorizer_option', {
      authorizer_appid: OA1.appid,
      option_name: 'x',
    });
    expect(badName.body.errcode).toBe(61012);
    const badValue = await call('/cgi-bin/component/api_set_authorizer_option', {
      authorizer_appid: OA1.appid,
      option_name: 'location_report',
      option_value: '7',
    });
    expect(badValue.body.errcode).toBe(61013);
  });

  it('reads quota per cgi_path and clears it (10 a month)', async () => {
    const quota = await call(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/cgi-bin/component/api_get_authorizer_list' },
      ct,
      'access_token',
    );
    expect((quota.body.quota as Record<string, number>).used).toBeGreaterThanOrEqual(3);
    expect((await call('/cgi-bin/openapi/quota/get', { cgi_path: '/nope' }, ct, 'access_token')).body.errcode).toBe(
      76021,
    );
    for (let i = 0; i < 10; i++) expect((await call('/cgi-bin/component/clear_quota', {})).body.errcode).toBe(0);
    expect((await call('/cgi-bin/component/clear_quota', {})).body.errcode).toBe(48006);
  });
});

describe('refresh-token rotation and stable_token', () => {
  it('rotates on every api_authorizer_token when asked, the old one valid for 5 more minutes', async () => {
    const sim = await WechatSimulator.start({ quiet: true, rotateRefreshTokens: true });
    try {
      const { refreshToken, componentToken: ct } = await authorize(sim, OA1.appid);
      const refresh = (token: string) =>
        postJson(withParams(`${sim.url}/cgi-bin/component/api_authorizer_token`, { component_access_token: ct }), {
          component_appid: sim.component.appId,
          authorizer_appid: OA1.appid,
          authorizer_refresh_token: token,
        });
      const next = String((await refresh(refreshToken)).body.authorizer_refresh_token);
      expect(next).not.toBe(refreshToken);
      sim.advanceClock(299);
      expect((await refresh(refreshToken)).body.authorizer_access_token).toBeDefined();
      sim.advanceClock(301);
      expect((await refresh(refreshToken)).body.errcode).toBe(61023);
    } finally {
      await sim.stop();
    }
  });

  it('stable_token returns the same token, force_refresh replaces it at most once per 30 s', async () => {
    const sim = await WechatSimulator.start({ quiet: true });
    try {
      const stable = async (force = false) =>
        (
          await postJson(`${sim.url}/cgi-bin/stable_token`, {
            grant_type: 'client_credential',
            appid: DIRECT.appid,
            secret: DIRECT.secret,
            force_refresh: force,
          })
        ).body;
      const a = await stable();
      expect((await stable()).access_token).toBe(a.access_token);
      const b = await stable(true);
      expect(b.access_token).not.toBe(a.access_token);
      expect((await stable(true)).access_token).toBe(b.access_token);
      sim.advanceClock(7200 - 299);
      const c = await stable();
      expect(c.access_token).not.toBe(b.access_token);
      expect(c.expires_in).toBe(7200);
    } finally {
      await sim.stop();
    }
  });
});
