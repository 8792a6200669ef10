import { describe, expect, it } from '@jest/globals';
import { buildAuthorizationUrls, callbackUrl, gatewayPageUrl } from './authorization-urls.js';

const hosts = {
  publicUrl: 'https://gw.example.com',
  mpBaseUrl: 'https://mp.weixin.qq.com',
  openBaseUrl: 'https://open.weixin.qq.com/',
  componentAppId: 'wx1234567890abcdef',
};
const preAuth = { code: 'preauthcode@@@Def+/=', expiresIn: 1800 };

describe('authorization URLs (§5.1)', () => {
  it('sends WeChat to the gateway callback carrying the caller redirect, fully encoded', () => {
    const urls = buildAuthorizationUrls(hosts, preAuth, { redirectUri: 'https://app.example.com/done?a=1&b=2' });
    const pc = new URL(urls.pcUrl);
    expect(pc.origin + pc.pathname).toBe('https://mp.weixin.qq.com/cgi-bin/componentloginpage');
    // Exactly one redirect_uri, and nothing of it leaked into the outer query.
    expect(pc.searchParams.getAll('redirect_uri')).toEqual([
      'https://gw.example.com/wechat/authorize/callback?return_to=' +
        encodeURIComponent('https://app.example.com/done?a=1&b=2'),
    ]);
    expect(pc.searchParams.has('b')).toBe(false);
    expect(urls.pcUrl).not.toContain('https://gw.example.com'); // the inner URL is encoded, not raw
    const returnTo = new URL(pc.searchParams.get('redirect_uri')!).searchParams.get('return_to');
    expect(returnTo).toBe('https://app.example.com/done?a=1&b=2');
    expect(pc.searchParams.get('pre_auth_code')).toBe('preauthcode@@@Def+/=');
    expect(pc.searchParams.get('component_appid')).toBe('wx1234567890abcdef');
  });

  it('defaults auth_type to 3 and passes the chosen one', () => {
    expect(new URL(buildAuthorizationUrls(hosts, preAuth, {}).pcUrl).searchParams.get('auth_type')).toBe('3');
    expect(new URL(buildAuthorizationUrls(hosts, preAuth, { authType: 2 }).pcUrl).searchParams.get('auth_type')).toBe(
      '2',
    );
  });

  it('with biz_appid leaves auth_type out (WeChat: they exclude each other)', () => {
    const pc = new URL(buildAuthorizationUrls(hosts, preAuth, { bizAppid: 'wxdemoofficial0001' }).pcUrl);
    expect(pc.searchParams.get('biz_appid')).toBe('wxdemoofficial0001');
    expect(pc.searchParams.has('auth_type')).toBe(false);
  });

  it('builds both H5 forms with the fixed parameters and #wechat_redirect', () => {
    const urls = buildAuthorizationUrls(hosts, preAuth, { categoryIdList: [1, 15] });
    for (const [url, base] of [
      [urls.mobileUrl, 'https://open.weixin.qq.com/wxaopen/safe/bindcomponent'],
      [urls.mobileUrlLegacy, 'https://mp.weixin.qq.com/safe/bindcomponent'],
    ]) {
      const u = new URL(url);
      expect(u.origin + u.pathname).toBe(base);
      expect(u.hash).toBe('#wechat_redirect');
      expect(u.searchParams.get('action')).toBe('bindcomponent');
      expect(u.searchParams.get('no_scan')).toBe('1');
      expect(u.searchParams.get('category_id_list')).toBe('1|15');
      expect(u.searchParams.get('redirect_uri')).toBe('https://gw.example.com/wechat/authorize/callback');
    }
    expect(urls.preAuthCode).toBe(preAuth.code);
    expect(urls.expiresIn).toBe(1800);
  });

  it("points the gateway URL at the gateway's own page with the options", () => {
    const url = new URL(
      gatewayPageUrl('https://gw.example.com/', { redirectUri: 'https://a.example/x?y=1', authType: 1 }),
    );
    expect(url.pathname).toBe('/wechat/authorize');
    expect(url.searchParams.get('redirect_uri')).toBe('https://a.example/x?y=1');
    expect(url.searchParams.get('auth_type')).toBe('1');
    expect(callbackUrl('https://gw.example.com')).toBe('https://gw.example.com/wechat/authorize/callback');
  });
});
