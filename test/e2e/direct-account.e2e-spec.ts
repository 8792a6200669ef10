import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountService } from '../../src/account/account.service.js';
import { DEFAULT_DIRECT_ACCOUNTS } from '../../simulator/seed-data.js';
import { ADMIN_KEY } from '../support/create-test-app.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';
import { authorizeAccount, tokenApi } from '../support/token-sim.js';

const { appid: DIRECT, secret: SECRET } = DEFAULT_DIRECT_ACCOUNTS[0];
const AES_KEY = 'DirectAccountEncodingAesKeyNotSecret0000000';
const STABLE = '/cgi-bin/stable_token';

describe('directly-managed accounts', () => {
  let gw: SimGateway;
  let api: ReturnType<typeof tokenApi>;
  const register = (body: Record<string, unknown>, key = ADMIN_KEY) =>
    request(gw.app.getHttpServer()).post('/api/accounts').auth(key, { type: 'bearer' }).send(body);
  const stableCalls = () => gw.sim.calls({ path: STABLE });

  beforeAll(async () => {
    gw = await startSimGateway();
    api = tokenApi(gw.app);
  }, 30_000);
  afterAll(() => gw.close());

  it('registers with the secret and message credentials sealed, never returning them', async () => {
    const body = { appid: DIRECT, secret: SECRET, kind: 'official_account', token: 'directToken1', aes_key: AES_KEY };
    const res = await register(body).expect(201);
    expect(res.body).toMatchObject({ appid: DIRECT, source: 'direct', kind: 'official_account', status: 'authorized' });
    expect(res.body.component_appid).toBeNull();
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain(AES_KEY);
    expect(Object.keys(res.body).some((k) => /secret|aes/.test(k))).toBe(false);
    const [row] = await gw.app.get(DataSource).query('SELECT * FROM accounts WHERE appid = ?', [DIRECT]);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(row)).not.toContain(AES_KEY);
    expect(row.secret_sealed).toMatch(/^v1\./);
    const creds = await gw.app.get(AccountService).getMessageCredentials(DIRECT);
    expect(creds).toEqual({ token: 'directToken1', encodingAesKey: AES_KEY });
    const listed = await request(gw.app.getHttpServer())
      .get(`/api/accounts/${DIRECT}`)
      .auth(ADMIN_KEY, { type: 'bearer' });
    expect(listed.text).not.toContain(SECRET);
  });

  it('gets its token from stable_token without force_refresh, once', async () => {
    const first = await api.get(DIRECT).expect(200);
    expect(gw.sim.state.tokens.check(first.body.access_token).ok).toBe(true);
    expect((await api.get(DIRECT).expect(200)).body.access_token).toBe(first.body.access_token);
    expect(stableCalls()).toHaveLength(1);
    expect(stableCalls()[0].body).toMatchObject({
      grant_type: 'client_credential',
      appid: DIRECT,
      force_refresh: false,
    });
  });

  it('forces stable_token only for a reported stale token', async () => {
    const stale = (await api.get(DIRECT).expect(200)).body.access_token as string;
    const { body } = await api.refresh(DIRECT, stale).expect(200);
    expect(body.access_token).not.toBe(stale);
    expect(stableCalls().at(-1)?.body).toMatchObject({ force_refresh: true });
    await api.refresh(DIRECT, stale).expect(200);
    expect(stableCalls()).toHaveLength(2);
  });

  it('serves tickets and JS-SDK configs like component accounts', async () => {
    expect((await api.ticket(DIRECT, 'jsapi').expect(200)).body.ticket).toMatch(/^sim_jsapi_/);
    expect((await api.jssdk(DIRECT, 'https://h5.example.com/a').expect(200)).body.appId).toBe(DIRECT);
  });

  it('uses cgi-bin/token when registered with token_endpoint classic', async () => {
    await register({ appid: DIRECT, secret: SECRET, kind: 'official_account', token_endpoint: 'classic' }).expect(201);
    expect(await gw.app.get(AccountService).getMessageCredentials(DIRECT)).toBeNull();
    await api.refresh(DIRECT).expect(200);
    const classic = gw.sim.calls({ path: '/cgi-bin/token' });
    expect(classic).toHaveLength(1);
    expect(classic[0].query).toMatchObject({ grant_type: 'client_credential', appid: DIRECT });
  });

  it('passes an IP allow-list refusal to the caller as 502 with the errcode', async () => {
    await register({ appid: DIRECT, secret: SECRET, kind: 'official_account' }).expect(201);
    gw.sim.injectFault({ host: 'api', kind: 'errcode', errcode: 40164, path: STABLE });
    const res = await api.refresh(DIRECT).expect(502);
    expect(res.body.errcode).toBe(40164);
    expect(res.body.message).toContain('allow-list');
    expect(res.text).not.toContain(SECRET);
  });

  it('reports a wrong secret as WeChat answered it, never echoing the secret', async () => {
    await register({ appid: DIRECT, secret: 'wrongsecret0000000000000000000000', kind: 'official_account' }).expect(
      201,
    );
    const res = await api.refresh(DIRECT).expect(502);
    expect(res.body.errcode).toBe(40125);
    expect(res.text).not.toContain('wrongsecret0000000000000000000000');
  });

  it('validates the input, naming the field', async () => {
    const base = { appid: DIRECT, secret: SECRET, kind: 'official_account' };
    expect((await register({ ...base, appid: 'gh_123' }).expect(400)).body.message).toContain('appid');
    expect((await register({ ...base, kind: 'game' }).expect(400)).body.message).toContain('kind');
    expect((await register({ ...base, token: 'a!', aes_key: AES_KEY }).expect(400)).body.message).toContain('token');
    expect((await register({ ...base, token: 'abc', aes_key: AES_KEY.slice(1) }).expect(400)).body.message).toContain(
      'aes_key',
    );
    expect((await register({ ...base, token: 'abc' }).expect(400)).body.message).toContain('aes_key');
    expect((await register({ ...base, token_endpoint: 'fast' }).expect(400)).body.message).toContain('token_endpoint');
  });

  it('is 409 for an appid managed through the third-party platform', async () => {
    await authorizeAccount(gw.app, gw.sim, 'wxdemoofficial0001');
    const res = await register({ appid: 'wxdemoofficial0001', secret: SECRET, kind: 'official_account' }).expect(409);
    expect(res.body.message).toContain('wxdemoofficial0001');
  });

  it('needs accounts:write', async () => {
    const key = (
      await request(gw.app.getHttpServer())
        .post('/api/keys')
        .auth(ADMIN_KEY, { type: 'bearer' })
        .send({ name: 'reader', scopes: ['tokens:read'] })
        .expect(201)
    ).body.key as string;
    await register({ appid: DIRECT, secret: SECRET, kind: 'official_account' }, key).expect(403);
  });
});
