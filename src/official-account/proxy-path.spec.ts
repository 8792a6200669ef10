import { describe, expect, it } from '@jest/globals';
import { WechatPathError } from '../wechat/wechat-path.error.js';
import { assertProxyPath, endpointGroup } from './proxy-path.js';

describe('assertProxyPath', () => {
  it.each(['/cgi-bin/media/upload', '/wxa/commit', '/cgi-bin/user/info', '/datacube/getusersummary'])(
    'accepts %s',
    (path) => expect(() => assertProxyPath(path)).not.toThrow(),
  );

  it.each([
    ['an absolute URL', '/http://evil.test/x'],
    ['a protocol-relative URL', '//evil.test/x'],
    ['a dot-dot', '/cgi-bin/../../x'],
    ['a percent-encoded dot-dot', '/%2e%2e/x'],
    ['an encoded slash after dots', '/..%2fevil'],
    ['a backslash', '/\\evil.test/x'],
    ['an encoded backslash', '/%5cevil.test/x'],
    ['a userinfo @', '/@evil.test/x'],
    ['an encoded @', '/%40evil.test/x'],
    ['a port', '/cgi-bin:8080/x'],
    ['a relative path', 'cgi-bin/x'],
    ['a query string', '/cgi-bin/x?access_token=1'],
  ])('refuses %s', (_name, path) => {
    expect(() => assertProxyPath(path)).toThrow(WechatPathError);
  });
});

describe('endpointGroup', () => {
  it('keeps the first two segments only', () => {
    expect(endpointGroup('/cgi-bin/media/get')).toBe('cgi-bin/media');
    expect(endpointGroup('/wxa/commit')).toBe('wxa/commit');
    expect(endpointGroup('/card/code/get/123456789')).toBe('card/code');
  });

  it('answers other for unusual paths, so callers cannot mint labels', () => {
    expect(endpointGroup('/')).toBe('other');
    expect(endpointGroup('/%2e%2e/x')).toBe('other');
    expect(endpointGroup(`/${'a'.repeat(60)}/x`)).toBe('other');
  });
});
