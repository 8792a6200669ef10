import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { AccountNeedsReauthorizationError, AccountNotAuthorizedError } from '../account/account.errors.js';
import type { AccountService } from '../account/account.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { AuthorizerTokenClient } from './authorizer-token.client.js';
import type { ComponentApiService } from './component-api.service.js';
import { RefreshTokenRecovery } from './refresh-token-recovery.service.js';

const APPID = 'wxaccount000000001';
const TOKEN = '/cgi-bin/component/api_authorizer_token';
const INFO = '/cgi-bin/component/api_get_authorizer_info';
const LIST = '/cgi-bin/component/api_get_authorizer_list';

/** The component API: valid refresh tokens in `valid`, what info and the list say, every call recorded. */
class FakeComponent {
  componentAppId = 'wxcomponent0000001';
  calls: string[] = [];
  valid = new Set(['R1']);
  infoToken?: string;
  infoError?: WechatApiError;
  listToken?: string;
  rotateTo?: string;
  async post<T>(path: string, body: Record<string, unknown>): Promise<T> {
    this.calls.push(path);
    if (path === TOKEN) return this.token(body.authorizer_refresh_token as string) as T;
    if (path === INFO) {
      if (this.infoError) throw this.infoError;
      return { authorization_info: { authorizer_refresh_token: this.infoToken } } as T;
    }
    const list = this.listToken ? [{ authorizer_appid: APPID, refresh_token: this.listToken }] : [];
    return { total_count: list.length, list } as T;
  }
  private token(refreshToken: string) {
    if (!this.valid.has(refreshToken)) throw new WechatApiError(61023, 'refresh_token is invalid', TOKEN);
    return { authorizer_access_token: 'AT', expires_in: 7200, authorizer_refresh_token: this.rotateTo ?? refreshToken };
  }
}

class FakeAccounts {
  refreshToken: string | null = 'R1';
  status = 'authorized';
  async getRefreshToken(): Promise<string | null> {
    return this.refreshToken;
  }
  async setRefreshToken(_appid: string, t: string): Promise<boolean> {
    this.refreshToken = t;
    return true;
  }
  async markNeedsReauthorization(): Promise<void> {
    this.status = 'needs_reauthorization';
  }
  async markRevoked(): Promise<void> {
    this.status = 'revoked';
  }
}

function setup() {
  const component = new FakeComponent();
  const accounts = new FakeAccounts();
  const api = component as unknown as ComponentApiService;
  const service = accounts as unknown as AccountService;
  const client = new AuthorizerTokenClient(api, service, new RefreshTokenRecovery(api, service));
  return { component, accounts, client };
}

describe('AuthorizerTokenClient', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('returns the refresh token WeChat answered, so a rotation is persisted with the access token', async () => {
    const { component, client } = setup();
    component.rotateTo = 'R2';
    await expect(client.fetch(APPID)).resolves.toEqual({ accessToken: 'AT', expiresInSec: 7200, refreshToken: 'R2' });
    expect(component.calls).toEqual([TOKEN]);
  });

  it('recovers a 61023 through api_get_authorizer_info first', async () => {
    const { component, accounts, client } = setup();
    component.valid = new Set(['R9']);
    component.infoToken = 'R9';
    const fetched = await client.fetch(APPID);
    expect(fetched).toMatchObject({ accessToken: 'AT', refreshToken: 'R9', recovered: true });
    expect(component.calls).toEqual([TOKEN, INFO, TOKEN]);
    expect(accounts.refreshToken).toBe('R9');
  });

  it('then through api_get_authorizer_list when the info has no other token', async () => {
    const { component, client } = setup();
    component.valid = new Set(['R7']);
    component.infoToken = 'R1'; // the very token WeChat rejected
    component.listToken = 'R7';
    await expect(client.fetch(APPID)).resolves.toMatchObject({ refreshToken: 'R7', recovered: true });
    expect(component.calls).toEqual([TOKEN, INFO, LIST, TOKEN]);
  });

  it('recovers a missing refresh token without calling api_authorizer_token blind', async () => {
    const { component, accounts, client } = setup();
    accounts.refreshToken = null;
    component.infoToken = 'R1';
    await expect(client.fetch(APPID)).resolves.toMatchObject({ accessToken: 'AT', recovered: true });
    expect(component.calls).toEqual([INFO, TOKEN]);
  });

  it('marks needs_reauthorization when neither info nor list helps', async () => {
    const { component, accounts, client } = setup();
    component.valid = new Set();
    component.infoError = new WechatApiError(-1, 'system error', INFO);
    await expect(client.fetch(APPID)).rejects.toBeInstanceOf(AccountNeedsReauthorizationError);
    expect(component.calls).toEqual([TOKEN, INFO, LIST]);
    expect(accounts.status).toBe('needs_reauthorization');
  });

  it('marks needs_reauthorization when the recovered token is rejected too', async () => {
    const { component, accounts, client } = setup();
    component.valid = new Set();
    component.infoToken = 'R5';
    await expect(client.fetch(APPID)).rejects.toBeInstanceOf(AccountNeedsReauthorizationError);
    expect(component.calls).toEqual([TOKEN, INFO, TOKEN]);
    expect(accounts.status).toBe('needs_reauthorization');
  });

  it('marks the account revoked on 61003 from the info and stops', async () => {
    const { component, accounts, client } = setup();
    component.valid = new Set();
    component.infoError = new WechatApiError(61003, 'component is not authorized by this account', INFO);
    await expect(client.fetch(APPID)).rejects.toBeInstanceOf(AccountNotAuthorizedError);
    expect(component.calls).toEqual([TOKEN, INFO]);
    expect(accounts.status).toBe('revoked');
  });
});
