import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createCache, type Cache } from 'cache-manager';
import { MemoryLock } from '../cache/memory-lock.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { AuthorizationService } from './authorization.service.js';
import { FakeAccountService } from './testing/fake-account.service.js';
import { FakeAuthorizationApi } from './testing/fake-authorization.api.js';
import { FakeAuthorizationMetrics } from './testing/fake-authorization.metrics.js';

describe('AuthorizationService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let api: FakeAuthorizationApi;
  let accounts: FakeAccountService;
  let cache: Cache;
  let metrics: FakeAuthorizationMetrics;
  let service: AuthorizationService;

  beforeEach(() => {
    api = new FakeAuthorizationApi();
    accounts = new FakeAccountService();
    cache = createCache();
    metrics = new FakeAuthorizationMetrics();
    service = new AuthorizationService(api, accounts.asService(), new MemoryLock(), cache, metrics.asMetrics());
  });

  describe('exchangeAuthorizationCode', () => {
    it('stores the account from query_auth (granted sets, refresh token) and authorizer_info (kind, names)', async () => {
      const code = api.add({ appid: 'wxmini', refreshToken: 'refreshtoken@@@R1', mini: true, funcIds: [17, 19] });
      const account = await service.exchangeAuthorizationCode(code, 'callback');
      expect(account).toMatchObject({ appid: 'wxmini', kind: 'mini_program', nickName: 'Nick of wxmini' });
      expect(account.funcIds).toBe('17,19');
      expect(accounts.rows.get('wxmini')?.refreshToken).toBe('refreshtoken@@@R1');
      expect(accounts.accessTokens.get('wxmini')).toBe('AT_wxmini');
      expect(metrics.authorizations).toEqual(['callback:ok']);
    });

    it('exchanges one code once when the push and the callback race', async () => {
      api.queryAuthDelayMs = 30;
      const code = api.add({ appid: 'wxoa', refreshToken: 'R1' });
      const [a, b] = await Promise.all([
        service.exchangeAuthorizationCode(code, 'push'),
        service.exchangeAuthorizationCode(code, 'callback'),
      ]);
      expect(api.calls.queryAuth).toBe(1);
      expect(a.appid).toBe('wxoa');
      expect(b.appid).toBe('wxoa');
      expect(accounts.upserts).toBe(1);
      expect(metrics.authorizations.sort()).toEqual(['callback:cached', 'push:ok']);
    });

    it('gives the remembered account for a repeated code and a 61009 once the memory is gone', async () => {
      const code = api.add({ appid: 'wxoa', refreshToken: 'R1' });
      await service.exchangeAuthorizationCode(code, 'push');
      await service.exchangeAuthorizationCode(code, 'callback');
      expect(api.calls.queryAuth).toBe(1);
      await cache.clear();
      const err = await service.exchangeAuthorizationCode(code, 'callback').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WechatApiError);
      expect((err as WechatApiError).errcode).toBe(61009);
      expect(metrics.authorizations).toContain('callback:invalid_code');
    });

    it('falls back to the refresh token of authorizer_info when query_auth has none', async () => {
      const code = api.add({ appid: 'wxoa' });
      const original = api.getAuthorizerInfo.bind(api);
      api.getAuthorizerInfo = async (appid) => {
        const res = await original(appid);
        res.authorization_info!.authorizer_refresh_token = 'FROM_INFO';
        return res;
      };
      await service.exchangeAuthorizationCode(code, 'push');
      expect(accounts.rows.get('wxoa')?.refreshToken).toBe('FROM_INFO');
    });

    it('keeps the refresh token when authorizer_info fails after the code was spent', async () => {
      const code = api.add({ appid: 'wxoa', refreshToken: 'R1' });
      api.infoError = new WechatApiError(-1, 'system error', '/cgi-bin/component/api_get_authorizer_info');
      const account = await service.exchangeAuthorizationCode(code, 'push');
      expect(account.status).toBe('authorized');
      expect(account.infoSyncedAt).toBeNull();
      expect(accounts.rows.get('wxoa')?.refreshToken).toBe('R1');
    });

    it('restores a revoked account on a new authorization', async () => {
      await service.exchangeAuthorizationCode(api.add({ appid: 'wxoa', refreshToken: 'R1' }), 'push');
      await accounts.markRevoked('wxoa', new Date());
      api.authorizers.get('wxoa')!.refreshToken = 'R2';
      const account = await service.exchangeAuthorizationCode(api.add({ appid: 'wxoa', refreshToken: 'R2' }), 'push');
      expect(account.status).toBe('authorized');
      expect(account.revokedAt).toBeNull();
      expect(accounts.rows.get('wxoa')?.refreshToken).toBe('R2');
    });
  });

  describe('syncAccount', () => {
    it('re-reads info and refresh token', async () => {
      await service.exchangeAuthorizationCode(api.add({ appid: 'wxoa', refreshToken: 'R1' }), 'push');
      api.authorizers.get('wxoa')!.refreshToken = 'R9';
      await service.syncAccount('wxoa');
      expect(accounts.rows.get('wxoa')?.refreshToken).toBe('R9');
    });

    it('marks the account revoked when WeChat says 61003', async () => {
      await service.exchangeAuthorizationCode(api.add({ appid: 'wxoa', refreshToken: 'R1' }), 'push');
      api.authorizers.delete('wxoa');
      await expect(service.syncAccount('wxoa')).rejects.toBeInstanceOf(WechatApiError);
      expect(accounts.rows.get('wxoa')?.entity.status).toBe('revoked');
    });

    it('is 404 for an unknown account, without calling WeChat', async () => {
      await expect(service.syncAccount('wxnobody')).rejects.toMatchObject({ status: 404 });
      expect(api.calls.info).toBe(0);
    });
  });
});
