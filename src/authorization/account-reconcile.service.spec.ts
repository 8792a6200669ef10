import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createCache } from 'cache-manager';
import { MemoryLock } from '../cache/memory-lock.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { AccountReconcileService } from './account-reconcile.service.js';
import { AuthorizationService } from './authorization.service.js';
import { FakeAccountService } from './testing/fake-account.service.js';
import { FakeAuthorizationApi } from './testing/fake-authorization.api.js';
import { FakeAuthorizationMetrics } from './testing/fake-authorization.metrics.js';

describe('AccountReconcileService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let api: FakeAuthorizationApi;
  let accounts: FakeAccountService;
  let metrics: FakeAuthorizationMetrics;
  let lock: MemoryLock;
  let reconciler: AccountReconcileService;

  beforeEach(async () => {
    api = new FakeAuthorizationApi();
    accounts = new FakeAccountService();
    metrics = new FakeAuthorizationMetrics();
    lock = new MemoryLock();
    const authorization = new AuthorizationService(api, accounts.asService(), lock, createCache(), metrics.asMetrics());
    reconciler = new AccountReconcileService(api, accounts.asService(), authorization, lock, metrics.asMetrics());
    for (const appid of ['wxa', 'wxb']) {
      await authorization.exchangeAuthorizationCode(api.add({ appid, refreshToken: `R_${appid}` }), 'push');
    }
  });

  it('repairs changed tokens, adopts missed authorizations and revokes missed revocations', async () => {
    api.authorizers.get('wxa')!.refreshToken = 'R_a2';
    api.authorizers.delete('wxb');
    api.add({ appid: 'wxc', refreshToken: 'R_c', mini: true });
    const report = await reconciler.reconcile();
    expect(report).toEqual({ skipped: false, listed: 2, adopted: 1, repaired: 1, revoked: 1, failed: 0 });
    expect(accounts.rows.get('wxa')?.refreshToken).toBe('R_a2');
    expect(accounts.rows.get('wxb')?.entity.status).toBe('revoked');
    expect(accounts.rows.get('wxc')?.entity).toMatchObject({ status: 'authorized', kind: 'mini_program' });
    expect(accounts.rows.get('wxc')?.refreshToken).toBe('R_c');
    expect(metrics.reconcileRuns).toEqual(['ok']);
  });

  it('pages through the list 500 at a time', async () => {
    for (let i = 0; i < 1001; i++) api.authorizers.set(`wxp${i}`, { appid: `wxp${i}`, refreshToken: 'R' });
    api.infoError = new Error('not needed here'); // adoption fails; counted, not thrown
    const report = await reconciler.reconcile();
    expect(api.calls.list).toBe(3);
    expect(report.listed).toBe(1003);
    expect(report.failed).toBe(1001);
  });

  it('changes nothing when a page of the list fails', async () => {
    for (let i = 0; i < 600; i++) api.authorizers.set(`wxp${i}`, { appid: `wxp${i}`, refreshToken: 'R' });
    api.authorizers.delete('wxa');
    api.listError = { atOffset: 500, error: new WechatApiError(-1, 'system error', '/list') };
    await expect(reconciler.reconcile()).rejects.toBeInstanceOf(WechatApiError);
    expect(accounts.rows.get('wxa')?.entity.status).toBe('authorized');
    expect(metrics.reconcileRuns).toEqual(['error']);
  });

  it('skips when another run holds the lock', async () => {
    let release!: () => void;
    const held = lock.run('account-reconcile', 1000, () => new Promise<void>((r) => (release = r)));
    const report = await reconciler.reconcile();
    release();
    await held;
    expect(report.skipped).toBe(true);
    expect(api.calls.list).toBe(0);
    expect(metrics.reconcileRuns).toEqual(['skipped']);
  });
});
