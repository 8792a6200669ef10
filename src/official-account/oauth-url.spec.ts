import { describe, expect, it } from '@jest/globals';
import { buildOAuthAuthorizeUrl } from './oauth-url.js';

const base = {
  openBaseUrl: 'https://open.weixin.qq.com/',
  appid: 'wxdemoofficial0001',
  componentAppid: 'wxdemocomponent000',
};

describe('buildOAuthAuthorizeUrl', () => {
  it('writes the parameters in the documented order, encoded, with #wechat_redirect last', () => {
    const url = buildOAuthAuthorizeUrl({
      ...base,
      redirectUri: 'https://app.example.com/cb?x=1&y=2',
      scope: 'snsapi_userinfo',
      state: 'abc123',
    });
    expect(url).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxdemoofficial0001' +
        '&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1%26y%3D2&response_type=code' +
        '&scope=snsapi_userinfo&state=abc123&component_appid=wxdemocomponent000&connect_redirect=1#wechat_redirect',
    );
  });

  it('keeps an empty state in its place when none is given', () => {
    const url = new URL(buildOAuthAuthorizeUrl({ ...base, redirectUri: 'https://a.example/', scope: 'snsapi_base' }));
    expect([...url.searchParams.keys()]).toEqual([
      'appid',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
      'component_appid',
      'connect_redirect',
    ]);
    expect(url.searchParams.get('state')).toBe('');
    expect(url.searchParams.get('redirect_uri')).toBe('https://a.example/');
    expect(url.hash).toBe('#wechat_redirect');
  });
});
