import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountService } from '../../src/account/account.service.js';
import { AccountReconcileService } from '../../src/authorization/account-reconcile.service.js';
import { AuthorizationService } from '../../src/authorization/authorization.service.js';
import { authorizeLikeBrowser, seedTicket } from '../support/auth-flow.js';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';
import { createScratchDatabase, scratchRedisPrefix, TEST_REDIS_URL } from '../support/integration-env.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

const RETURN_TO = 'https://app.example.com/wechat/done';

describe('authorization on MySQL/MariaDB + Redis, two instances', () => {
  let gw: SimGateway;
  let second: INestApplication;
  let db: { url: string; drop: () => Promise<void> };
  const queryAuthCalls = (code: string) =>
    gw.sim
      .calls({ path: '/cgi-bin/component/api_query_auth' })
      .filter((c) => (c.body as Record<string, unknown> | undefined)?.authorization_code === code);

  beforeAll(async () => {
    db = await createScratchDatabase();
    const shared = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: scratchRedisPrefix() };
    gw = await startSimGateway(shared);
    second = await createTestApp({
      ...shared,
      GATEWAY_PUBLIC_URL: gw.url,
      WECHAT_COMPONENT_APP_ID: gw.sim.component.appId,
      WECHAT_COMPONENT_APP_SECRET: gw.sim.component.appSecret,
      WECHAT_COMPONENT_TOKEN: gw.sim.component.token,
      WECHAT_COMPONENT_AES_KEY: gw.sim.component.encodingAesKey,
      WECHAT_API_BASE_URL: gw.sim.url,
      WECHAT_MP_BASE_URL: gw.sim.mpUrl,
      WECHAT_OPEN_BASE_URL: gw.sim.openUrl,
      AUTH_REDIRECT_ALLOWLIST: 'https://app.example.com/wechat/',
    });
    await seedTicket(gw.app, gw.sim);
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await gw?.close();
    await db?.drop();
  });

  it('runs the browser flow and stores the account in MySQL with a sealed refresh token', async () => {
    const flow = await authorizeLikeBrowser(gw.url, 'wxdemoofficial0001', { redirectUri: RETURN_TO });
    const back = await fetch(flow.callbackUrl, { redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(new URL(back.headers.get('location')!).searchParams.get('appid')).toBe('wxdemoofficial0001');
    const ds = gw.app.get(DataSource);
    expect(ds.options.type).toBe('mysql');
    const [row] = await ds.query('SELECT status, kind, func_ids, refresh_token_sealed FROM accounts WHERE appid = ?', [
      'wxdemoofficial0001',
    ]);
    const plain = gw.sim.state.authorizations.get('wxdemoofficial0001')!.refreshToken!;
    expect(row).toMatchObject({ status: 'authorized', kind: 'official_account', func_ids: '1,2,3,4,7,11,15' });
    expect(row.refresh_token_sealed).not.toContain(plain);
    await expect(second.get(AccountService).getRefreshToken('wxdemoofficial0001')).resolves.toBe(plain);
  });

  it('exchanges one code once when both instances get it at the same time', async () => {
    const { authCode } = await gw.sim.authorizeDirectly('wxdemominiprog0001');
    const [a, b] = await Promise.all([
      gw.app.get(AuthorizationService).exchangeAuthorizationCode(authCode, 'push'),
      second.get(AuthorizationService).exchangeAuthorizationCode(authCode, 'callback'),
    ]);
    expect(a.appid).toBe('wxdemominiprog0001');
    expect(b.appid).toBe('wxdemominiprog0001');
    expect(b.kind).toBe('mini_program');
    expect(queryAuthCalls(authCode)).toHaveLength(1);
  });

  it("serves one instance's accounts from the other, with filters and pagination", async () => {
    const http = () => request(second.getHttpServer());
    const { body } = await http().get('/api/accounts?page_size=1').auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
    expect(body).toMatchObject({ total: 2, page: 1, page_size: 1 });
    expect(body.items).toHaveLength(1);
    const mp = await http().get('/api/accounts?kind=mini_program').auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
    expect(mp.body.items.map((a: { appid: string }) => a.appid)).toEqual(['wxdemominiprog0001']);
    await http().get('/api/accounts/wxnobody0000000000').auth(ADMIN_KEY, { type: 'bearer' }).expect(404);
  });

  it('reconciles on MySQL: a rotated refresh token is written back, a missed revocation marked', async () => {
    const rotated = gw.sim.rotateRefreshToken('wxdemoofficial0001');
    gw.sim.state.authorizations.revoke('wxdemominiprog0001');
    const report = await second.get(AccountReconcileService).reconcile();
    expect(report).toMatchObject({ skipped: false, repaired: 1, revoked: 1, failed: 0 });
    await expect(gw.app.get(AccountService).getRefreshToken('wxdemoofficial0001')).resolves.toBe(rotated);
    await expect(gw.app.get(AccountService).get('wxdemominiprog0001')).resolves.toMatchObject({ status: 'revoked' });
  });
});
