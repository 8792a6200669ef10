import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createCache } from 'cache-manager';
import { MemoryLock } from '../cache/memory-lock.js';
import { AuthorizationConfig, HttpConfig, WechatConfig } from '../config/config.types.js';
import { AuthorizationUrlService } from './authorization-url.service.js';
import { AuthorizationService } from './authorization.service.js';
import { AuthorizePageService, type PageResult } from './authorize-page.service.js';
import { FakeAccountService } from './testing/fake-account.service.js';
import { FakeAuthorizationApi } from './testing/fake-authorization.api.js';
import { FakeAuthorizationMetrics } from './testing/fake-authorization.metrics.js';

const html = (r: PageResult) => {
  if (r.kind !== 'html') throw new Error(`expected a page, got a redirect to ${r.location}`);
  return r;
};

describe('AuthorizePageService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let api: FakeAuthorizationApi;
  let pages: AuthorizePageService;

  beforeEach(() => {
    api = new FakeAuthorizationApi();
    const metrics = new FakeAuthorizationMetrics().asMetrics();
    const exchange = new AuthorizationService(
      api,
      new FakeAccountService().asService(),
      new MemoryLock(),
      createCache(),
      metrics,
    );
    const http = Object.assign(new HttpConfig(), { publicUrl: 'https://gw.example.com' });
    const wechat = Object.assign(new WechatConfig(), {
      mpBaseUrl: 'https://mp.test',
      openBaseUrl: 'https://open.test',
    });
    const config = Object.assign(new AuthorizationConfig(), { redirectAllowList: ['https://app.example.com'] });
    pages = new AuthorizePageService(new AuthorizationUrlService(api, http, wechat, config), exchange);
  });

  it('serves a navigating page (not a redirect) with a fresh code per visit, PC or mobile by User-Agent', async () => {
    const pc = html(await pages.entry({ userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120' }));
    const phone = html(await pages.entry({ userAgent: 'Mozilla/5.0 (iPhone) Mobile MicroMessenger/8.0' }));
    expect(pc.status).toBe(200);
    expect(pc.html).toContain('location.href = "https://mp.test/cgi-bin/componentloginpage?');
    expect(pc.html).toContain('pre_auth_code=preauthcode%40%40%401');
    expect(phone.html).toContain('location.href = "https://open.test/wxaopen/safe/bindcomponent?');
    expect(phone.html).toContain('pre_auth_code=preauthcode%40%40%402');
    expect(pc.headers['Referrer-Policy']).toBe('no-referrer-when-downgrade');
    const nonce = /nonce="([^"]+)"/.exec(pc.html)?.[1];
    expect(pc.headers['Content-Security-Policy']).toContain(`script-src 'nonce-${nonce}'`);
  });

  it('refuses a redirect_uri off the allow-list without asking WeChat', async () => {
    const page = html(await pages.entry({ redirectUri: 'https://evil.test/' }));
    expect(page.status).toBe(400);
    expect(page.html).toContain('redirect_uri');
    expect(api.calls.preAuth).toBe(0);
  });

  it('redirects to return_to with appid, or shows the account', async () => {
    const redirect = await pages.callback({
      authCode: api.add({ appid: 'wxoa', refreshToken: 'R' }),
      returnTo: 'https://app.example.com/done?state=1#top',
    });
    expect(redirect).toEqual({ kind: 'redirect', location: 'https://app.example.com/done?state=1&appid=wxoa#top' });
    const result = html(await pages.callback({ authCode: api.add({ appid: 'wxother', refreshToken: 'R' }) }));
    expect(result.status).toBe(200);
    expect(result.html).toContain('Nick of wxother (wxother)');
  });

  it('answers 400 pages for a spent code, a missing code and a forged return_to', async () => {
    const spent = html(await pages.callback({ authCode: 'queryauthcode@@@unknown' }));
    expect(spent.status).toBe(400);
    expect(spent.html).toContain('already used or has expired');
    expect(html(await pages.callback({})).status).toBe(400);
    const forged = html(await pages.callback({ authCode: api.add({ appid: 'wxoa' }), returnTo: 'https://evil.test/' }));
    expect(forged.status).toBe(400);
    expect(api.calls.queryAuth).toBe(1); // only the spent one: the forged return_to stopped before the exchange
  });
});
