import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AccountService } from '../../src/account/account.service.js';
import { AccountReconcileService } from '../../src/authorization/account-reconcile.service.js';
import { AuthorizationService } from '../../src/authorization/authorization.service.js';
import { seedTicket } from '../support/auth-flow.js';
import { ADMIN_KEY } from '../support/create-test-app.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

const APPIDS = ['wxdemoofficial0001', 'wxdemoofficial0002', 'wxdemominiprog0001'];

describe('accounts API against the simulator', () => {
  let gw: SimGateway;
  let readerKey: string;
  let proxyKey: string;
  const api = () => request(gw.app.getHttpServer());
  const admin = (path: string) => api().get(path).auth(ADMIN_KEY, { type: 'bearer' });
  const refreshTokenOf = (appid: string) => gw.app.get(AccountService).getRefreshToken(appid);
  const simRefreshToken = (appid: string) => gw.sim.state.authorizations.get(appid)?.refreshToken;

  const newKey = async (scopes: string[]) =>
    (await api().post('/api/keys').auth(ADMIN_KEY, { type: 'bearer' }).send({ name: 'k', scopes }).expect(201)).body
      .key as string;

  beforeAll(async () => {
    gw = await startSimGateway();
    await seedTicket(gw.app, gw.sim);
    for (const appid of APPIDS) {
      const { authCode } = await gw.sim.authorizeDirectly(appid);
      await gw.app.get(AuthorizationService).exchangeAuthorizationCode(authCode, 'push');
    }
    readerKey = await newKey(['tokens:read']);
    proxyKey = await newKey(['proxy']);
  }, 30_000);
  afterAll(() => gw.close());

  it('lists with pagination and a total', async () => {
    const first = await admin('/api/accounts?page_size=2').expect(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, page_size: 2 });
    expect(first.body.items).toHaveLength(2);
    const second = await admin('/api/accounts?page_size=2&page=2').expect(200);
    expect(second.body.items).toHaveLength(1);
    const all = [...first.body.items, ...second.body.items].map((a: { appid: string }) => a.appid);
    expect(all.sort()).toEqual([...APPIDS].sort());
  });

  it('filters by kind, source and status', async () => {
    const mp = await admin('/api/accounts?kind=mini_program').expect(200);
    expect(mp.body.items.map((a: { appid: string }) => a.appid)).toEqual(['wxdemominiprog0001']);
    expect((await admin('/api/accounts?source=direct').expect(200)).body.total).toBe(0);
    expect((await admin('/api/accounts?source=component&status=authorized').expect(200)).body.total).toBe(3);
  });

  it('rejects bad filters naming the field', async () => {
    expect((await admin('/api/accounts?kind=game').expect(400)).body.message).toContain('kind');
    expect((await admin('/api/accounts?page_size=101').expect(400)).body.message).toContain('page_size');
    expect((await admin('/api/accounts?page=0').expect(400)).body.message).toContain('page');
  });

  it('shows one account, never its refresh token', async () => {
    const { body, text } = await admin('/api/accounts/wxdemoofficial0001').expect(200);
    expect(body).toMatchObject({
      appid: 'wxdemoofficial0001',
      component_appid: gw.sim.component.appId,
      source: 'component',
      kind: 'official_account',
      status: 'authorized',
      nick_name: 'Demo Shop (simulated)',
      user_name: 'gh_demo0000oa01',
      service_type: 2,
      func_ids: [1, 2, 3, 4, 7, 11, 15],
    });
    expect(text).not.toContain(simRefreshToken('wxdemoofficial0001')!);
    expect(Object.keys(body).some((k) => k.includes('refresh'))).toBe(false);
  });

  it('is 404 for an unknown appid, 401 without a key, 403 without the scope', async () => {
    await admin('/api/accounts/wxnobody0000000000').expect(404);
    await api().get('/api/accounts').expect(401);
    await api().get('/api/accounts').auth(proxyKey, { type: 'bearer' }).expect(403);
    await api().get('/api/accounts/wxdemoofficial0001').auth(readerKey, { type: 'bearer' }).expect(200);
    await api().delete('/api/accounts/wxdemoofficial0001').auth(readerKey, { type: 'bearer' }).expect(403);
    await api().post('/api/accounts/wxdemoofficial0001/sync').auth(readerKey, { type: 'bearer' }).expect(403);
  });

  it('sync re-reads info and the current refresh token', async () => {
    const rotated = gw.sim.rotateRefreshToken('wxdemoofficial0002');
    const { body } = await api()
      .post('/api/accounts/wxdemoofficial0002/sync')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(body).toMatchObject({ appid: 'wxdemoofficial0002', status: 'authorized' });
    expect(await refreshTokenOf('wxdemoofficial0002')).toBe(rotated);
    await api().post('/api/accounts/wxnobody0000000000/sync').auth(ADMIN_KEY, { type: 'bearer' }).expect(404);
  });

  it('reconciliation repairs a changed refresh token, marks a silent revocation and re-adopts a removed account', async () => {
    const rotated = gw.sim.rotateRefreshToken('wxdemoofficial0001');
    gw.sim.state.authorizations.revoke('wxdemoofficial0002'); // revoked, push missed
    await api().delete('/api/accounts/wxdemominiprog0001').auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
    await admin('/api/accounts/wxdemominiprog0001').expect(404);

    const report = await gw.app.get(AccountReconcileService).reconcile();
    expect(report).toMatchObject({ skipped: false, listed: 2, repaired: 1, revoked: 1, adopted: 1, failed: 0 });
    expect(await refreshTokenOf('wxdemoofficial0001')).toBe(rotated);
    const revoked = await admin('/api/accounts/wxdemoofficial0002').expect(200);
    expect(revoked.body.status).toBe('revoked');
    expect(await refreshTokenOf('wxdemoofficial0002')).toBeNull();
    const adopted = await admin('/api/accounts/wxdemominiprog0001').expect(200);
    expect(adopted.body).toMatchObject({ status: 'authorized', kind: 'mini_program' });
    expect(await refreshTokenOf('wxdemominiprog0001')).toBe(simRefreshToken('wxdemominiprog0001'));
    const metrics = await api().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/gateway_reconcile_runs_total\{result="ok"\} 1/);
  });

  it('markRevoked (the unauthorized push) clears the refresh token; a new authorization restores the account', async () => {
    await gw.sim.revoke('wxdemoofficial0001');
    await gw.app.get(AccountService).markRevoked('wxdemoofficial0001', new Date('2026-01-01T00:00:00Z'));
    const { body } = await admin('/api/accounts/wxdemoofficial0001').expect(200);
    expect(body).toMatchObject({ status: 'revoked', revoked_at: '2026-01-01T00:00:00.000Z' });
    expect(await refreshTokenOf('wxdemoofficial0001')).toBeNull();

    const { authCode } = await gw.sim.authorizeDirectly('wxdemoofficial0001');
    await gw.app.get(AuthorizationService).exchangeAuthorizationCode(authCode, 'push');
    const back = await admin('/api/accounts/wxdemoofficial0001').expect(200);
    expect(back.body).toMatchObject({ status: 'authorized', revoked_at: null });
    expect(await refreshTokenOf('wxdemoofficial0001')).toBe(simRefreshToken('wxdemoofficial0001'));
  });

  it('DELETE answers the removed account, then 404', async () => {
    const { body } = await api()
      .delete('/api/accounts/wxdemoofficial0002')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(body.appid).toBe('wxdemoofficial0002');
    await admin('/api/accounts/wxdemoofficial0002').expect(404);
    await api().delete('/api/accounts/wxdemoofficial0002').auth(ADMIN_KEY, { type: 'bearer' }).expect(404);
  });
});
