import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountService } from '../../src/account/account.service.js';
import { jsapiSignature } from '../../src/crypto/jssdk-signature.js';
import { AccountApiService } from '../../src/token/account-api.service.js';
import { AccountTokenRefreshService } from '../../src/token/account-token-refresh.service.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';
import { AUTHORIZER_TOKEN_PATH, authorizeAccount, tokenApi } from '../support/token-sim.js';

const OA = 'wxdemoofficial0001';
const MP = 'wxdemominiprog0001';
const REVOKED = 'wxdemoofficial0002';

describe('account tokens against the simulator', () => {
  let gw: SimGateway;
  let api: ReturnType<typeof tokenApi>;
  const authorizerTokenCalls = (appid: string) =>
    gw.sim
      .calls({ path: AUTHORIZER_TOKEN_PATH })
      .filter((c) => (c.body as { authorizer_appid?: string }).authorizer_appid === appid).length;
  const currentToken = async (appid: string) => (await api.get(appid).expect(200)).body.access_token as string;

  beforeAll(async () => {
    gw = await startSimGateway();
    api = tokenApi(gw.app);
    for (const appid of [OA, MP, REVOKED]) await authorizeAccount(gw.app, gw.sim, appid);
  }, 30_000);
  afterAll(() => gw.close());

  it('serves the token api_query_auth handed out, without another WeChat call', async () => {
    const { body } = await api.get(OA).expect(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      expires_at: expect.any(String),
      expires_in: expect.any(Number),
    });
    expect(body.expires_in).toBeGreaterThan(7000);
    expect(gw.sim.state.tokens.check(body.access_token).ok).toBe(true);
    expect(authorizerTokenCalls(OA)).toBe(0);
  });

  it('needs a key with tokens:read and a known appid', async () => {
    await request(gw.app.getHttpServer()).get(`/api/accounts/${OA}/access-token`).expect(401);
    await api.get('wxnobody0000000000').expect(404);
  });

  it('renews a token WeChat invalidated once, when told the stale token', async () => {
    const stale = await currentToken(OA);
    gw.sim.invalidateToken(stale);
    const before = authorizerTokenCalls(OA);
    const { body } = await api.refresh(OA, stale).expect(200);
    expect(body.access_token).not.toBe(stale);
    expect(gw.sim.state.tokens.check(body.access_token).ok).toBe(true);
    expect(authorizerTokenCalls(OA)).toBe(before + 1);
    // Reported again (a slow caller): the current token comes back, WeChat is not called.
    expect((await api.refresh(OA, stale).expect(200)).body.access_token).toBe(body.access_token);
    expect(authorizerTokenCalls(OA)).toBe(before + 1);
    expect(await currentToken(OA)).toBe(body.access_token);
  });

  it('makes one WeChat call for 100 concurrent refreshes with the same stale token', async () => {
    const stale = await currentToken(OA);
    gw.sim.invalidateToken(stale);
    const before = authorizerTokenCalls(OA);
    const answers = await Promise.all(Array.from({ length: 100 }, () => api.refresh(OA, stale)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(new Set(answers.map((r) => r.body.access_token as string)).size).toBe(1);
    expect(authorizerTokenCalls(OA)).toBe(before + 1);
  });

  it('serves tickets fetched with the account token, once, and refuses other types', async () => {
    const first = await api.ticket(MP, 'jsapi').expect(200);
    expect(first.body).toEqual({
      ticket: expect.stringMatching(/^sim_jsapi_/),
      expires_at: expect.any(String),
      expires_in: expect.any(Number),
    });
    expect((await api.ticket(MP, 'jsapi').expect(200)).body.ticket).toBe(first.body.ticket);
    expect((await api.ticket(MP, 'wx_card').expect(200)).body.ticket).toMatch(/^sim_wx_card_/);
    const getticket = gw.sim.calls({ path: '/cgi-bin/ticket/getticket' });
    expect(getticket).toHaveLength(2);
    expect(getticket[0].query.access_token).toBe(await currentToken(MP));
    expect((await api.ticket(MP, 'card').expect(400)).body.message).toContain('type');
  });

  it('AccountApiService renews the token and retries once when WeChat says it is invalid', async () => {
    const stale = await currentToken(MP);
    gw.sim.invalidateToken(stale);
    gw.sim.clearRecords();
    const answer = await gw.app
      .get(AccountApiService)
      .get<{ ticket: string }>(MP, '/cgi-bin/ticket/getticket', { type: 'jsapi' });
    expect(answer.ticket).toMatch(/^sim_jsapi_/);
    expect(gw.sim.calls({ path: '/cgi-bin/ticket/getticket' }).map((c) => c.errcode)).toEqual([40001, 0]);
    expect(authorizerTokenCalls(MP)).toBe(1);
    expect(await currentToken(MP)).not.toBe(stale);
  });

  it('builds a JS-SDK config with the account appid and its jsapi_ticket, signed over the URL without fragment', async () => {
    const url = 'https://h5.example.com/page?id=7&x=%E4%B8%AD#/route';
    const { body } = await api.jssdk(OA, url).expect(200);
    const ticket = (await api.ticket(OA, 'jsapi').expect(200)).body.ticket as string;
    expect(body).toEqual({
      appId: OA,
      timestamp: expect.any(Number),
      nonceStr: expect.any(String),
      signature: expect.any(String),
    });
    const expected = jsapiSignature({
      ticket,
      nonceStr: body.nonceStr,
      timestamp: body.timestamp,
      url: 'https://h5.example.com/page?id=7&x=%E4%B8%AD',
    });
    expect(body.signature).toBe(expected);
    expect((await api.jssdk(OA, 'not a url').expect(400)).body.message).toContain('url');
  });

  it('recovers a refresh token WeChat stopped accepting (61023) through api_get_authorizer_info', async () => {
    gw.sim.rotateRefreshToken(OA);
    gw.sim.advanceClock(301); // past the 5-minute grace of the stored one
    gw.sim.clearRecords();
    const { body } = await api.refresh(OA).expect(200);
    expect(gw.sim.state.tokens.check(body.access_token).ok).toBe(true);
    const paths = gw.sim
      .calls()
      .map((c) => c.path)
      .filter((p) => p.startsWith('/cgi-bin/component/api_'));
    expect(paths).toEqual([AUTHORIZER_TOKEN_PATH, '/cgi-bin/component/api_get_authorizer_info', AUTHORIZER_TOKEN_PATH]);
    expect(gw.sim.calls({ path: AUTHORIZER_TOKEN_PATH })[0].errcode).toBe(61023);
    expect(await gw.app.get(AccountService).getRefreshToken(OA)).toBe(
      gw.sim.state.authorizations.get(OA)?.refreshToken,
    );
    expect((await gw.app.get(AccountService).get(OA)).status).toBe('authorized');
  });

  it('answers 409 "not authorized" for a revoked account and never refreshes it', async () => {
    await currentToken(REVOKED);
    await api.ticket(REVOKED, 'jsapi').expect(200);
    await gw.sim.revoke(REVOKED); // pushes unauthorized to the gateway
    const before = authorizerTokenCalls(REVOKED);
    const res = await api.get(REVOKED).expect(409);
    expect(res.body.message).toContain(`account ${REVOKED} is not authorized`);
    await api.refresh(REVOKED).expect(409);
    await api.ticket(REVOKED, 'jsapi').expect(409);
    await gw.app.get(AccountTokenRefreshService).refreshDue(Date.now() + 3 * 3600_000);
    expect(authorizerTokenCalls(REVOKED)).toBe(before);
    const ds = gw.app.get(DataSource);
    expect(await ds.query('SELECT COUNT(*) AS n FROM account_tokens WHERE appid = ?', [REVOKED])).toEqual([{ n: 0 }]);
    expect(await ds.query('SELECT COUNT(*) AS n FROM account_tickets WHERE appid = ?', [REVOKED])).toEqual([{ n: 0 }]);
  });

  it('counts refreshes by kind and result, without appids', async () => {
    const metrics = (await request(gw.app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/gateway_token_refreshes_total\{kind="authorizer",result="ok"\} \d+/);
    expect(metrics).toMatch(/gateway_token_refreshes_total\{kind="authorizer",result="recovered"\} 1/);
    expect(metrics).not.toMatch(/gateway_token_refreshes_total\{[^}]*wxdemo/);
  });
});
