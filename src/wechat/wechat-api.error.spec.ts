import { describe, expect, it } from '@jest/globals';
import { describeErrcode, isTokenError, WechatApiError } from './wechat-api.error.js';
import { WechatPathError } from './wechat-path.error.js';
import { WechatTransportError } from './wechat-transport.error.js';

const ALLOW_LIST =
  "the gateway's egress IP is not on the allow-list: add it in the WeChat console " +
  "(third-party platform: 'whitelist IP'; official account: 'IP whitelist')";

describe('WechatApiError', () => {
  it.each([61004, 40164])('explains %i as the IP allow-list, with the address WeChat saw', (code) => {
    const err = new WechatApiError(
      code,
      'invalid ip 198.51.100.4 ipv6 ::ffff:198.51.100.4, not in whitelist rid: 1',
      '/x',
    );
    expect(err.message).toContain(ALLOW_LIST);
    expect(err.message).toContain('198.51.100.4');
    expect(err.egressIp).toBe('198.51.100.4');
  });

  it.each([
    [45009, /daily.*quota/],
    [45011, /per-minute.*quota/],
    [-1, /busy/],
    [40001, /access token is invalid/],
    [40014, /access token is invalid/],
    [42001, /access token has expired/],
    [61005, /component_verify_ticket has expired/],
    [61006, /component_verify_ticket is invalid/],
    [61023, /refresh token is invalid/],
    [61003, /has not authorized/],
    [48001, /not authorized for the account/],
    [40125, /app secret is wrong/],
  ])('gives %i a precise message', (code, meaning) => {
    const err = new WechatApiError(code, 'text rid: 64f69b23', '/cgi-bin/x');
    expect(err.message).toMatch(meaning);
    expect(err.message).toContain(`WeChat error ${code} on /cgi-bin/x`);
    expect(err.message).toContain('errmsg: text rid: 64f69b23');
    expect(describeErrcode(code)).toBeDefined();
  });

  it('parses a string errcode numerically and strips the query from the path', () => {
    const err = new WechatApiError(' 40029', 'invalid code', '/sns/jscode2session?js_code=abc');
    expect(err).toMatchObject({ name: 'WechatApiError', errcode: 40029, path: '/sns/jscode2session' });
    expect(err.message).not.toContain('abc');
    expect(err).toBeInstanceOf(Error);
  });

  it('falls back to errmsg for unknown codes', () => {
    expect(new WechatApiError(87014, 'risky content', '/x').message).toBe('WeChat error 87014 on /x: risky content');
  });

  it('names the token errors', () => {
    expect([40001, 40014, 42001].every(isTokenError)).toBe(true);
    expect([40013, 41001, 61023, -1].some(isTokenError)).toBe(false);
  });
});

describe('WechatTransportError', () => {
  it('describes each kind with host names only', () => {
    const hosts = ['api.weixin.qq.com', 'api2.weixin.qq.com'];
    const timeout = new WechatTransportError({
      kind: 'timeout',
      path: '/x',
      hosts,
      causeCode: 'TIMEOUT',
      timeoutMs: 5000,
    });
    expect(timeout.message).toBe(
      'WeChat did not answer /x within 5000 ms (TIMEOUT; tried api.weixin.qq.com, api2.weixin.qq.com)',
    );
    const refused = new WechatTransportError({ kind: 'connection', path: '/x', hosts, causeCode: 'ECONNREFUSED' });
    expect(refused).toMatchObject({
      name: 'WechatTransportError',
      kind: 'connection',
      causeCode: 'ECONNREFUSED',
      hosts,
    });
    const status = new WechatTransportError({ kind: 'http_status', path: '/x', hosts, status: 502 });
    expect(status.message).toContain('HTTP 502');
  });
});

describe('WechatPathError', () => {
  it('shows the refused path with its secrets hidden', () => {
    const err = new WechatPathError('/x?access_token=SECRET', 'no query');
    expect(err.message).not.toContain('SECRET');
    expect(err.path).toBe('/x?access_token=***');
  });
});
