import { describe, expect, it } from '@jest/globals';
import { isRedactedKey, REDACTED_KEYS, redactText, redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('hides token and secret query values and keeps the rest', () => {
    expect(
      redactUrl('https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=S3CR3T'),
    ).toBe('https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=***');
    expect(redactUrl('/sns/component/jscode2session?appid=wx1&js_code=J&component_access_token=T#frag')).toBe(
      '/sns/component/jscode2session?appid=wx1&js_code=***&component_access_token=***#frag',
    );
  });

  it('matches encoded and differently-cased names, and leaves URLs without a query alone', () => {
    expect(redactUrl('/x?access%5Ftoken=T&ACCESS_TOKEN=U&errcode=40001')).toBe(
      '/x?access%5Ftoken=***&ACCESS_TOKEN=***&errcode=40001',
    );
    expect(redactUrl('/cgi-bin/user/info')).toBe('/cgi-bin/user/info');
    expect(redactUrl('/x?flag&code=')).toBe('/x?flag&code=***');
  });
});

describe('redactText', () => {
  it('hides values in JSON, keeps errcode, errmsg and other fields', () => {
    const json = JSON.stringify({
      component_appid: 'wx1',
      component_appsecret: 'APPSECRET',
      component_verify_ticket: 'ticket@@@abc==',
      errcode: 40001,
      errmsg: 'invalid credential, access_token is invalid or not latest',
    });
    const out = redactText(json);
    expect(out).not.toMatch(/APPSECRET|ticket@@@/);
    expect(JSON.parse(out)).toEqual({
      component_appid: 'wx1',
      component_appsecret: '***',
      component_verify_ticket: '***',
      errcode: 40001,
      errmsg: 'invalid credential, access_token is invalid or not latest',
    });
  });

  it('handles spacing, escaped quotes, inspected objects and JSON inside a JSON string', () => {
    expect(redactText('{ "refresh_token" : "a\\"b", "x": 1 }')).toBe('{ "refresh_token" : "***", "x": 1 }');
    expect(redactText("{ session_key: 'SK==', openid: 'o1' }")).toBe("{ session_key: '***', openid: 'o1' }");
    const nested = JSON.stringify({ body: JSON.stringify({ authorizer_refresh_token: 'refreshtoken@@@R' }) });
    expect(redactText(nested)).not.toContain('refreshtoken@@@R');
    expect(redactText('{"url":"https://h/x?access_token=T1&a=1"}')).toBe('{"url":"https://h/x?access_token=***&a=1"}');
  });

  it('hides query pairs in prose and leaves look-alikes alone', () => {
    expect(redactText('GET /cgi-bin/x?access_token=T1&b=2 failed; auth_code=Q')).toBe(
      'GET /cgi-bin/x?access_token=***&b=2 failed; auth_code=***',
    );
    expect(redactText('errcode=40001 my_access_token_count=3')).toBe('errcode=40001 my_access_token_count=3');
    expect(redactText('error code: 40029')).toBe('error code: 40029');
  });

  it('hides XML elements of WeChat pushes, CDATA or not', () => {
    const xml =
      '<xml><AppId><![CDATA[wx1]]></AppId><ComponentVerifyTicket><![CDATA[ticket@@@X]]></ComponentVerifyTicket>' +
      '<AuthorizationCode>queryauthcode@@@Y</AuthorizationCode><PreAuthCode>P</PreAuthCode></xml>';
    expect(redactText(xml)).toBe(
      '<xml><AppId><![CDATA[wx1]]></AppId><ComponentVerifyTicket>***</ComponentVerifyTicket>' +
        '<AuthorizationCode>***</AuthorizationCode><PreAuthCode>***</PreAuthCode></xml>',
    );
  });

  it('hides the rest of a truncated value rather than leaking it', () => {
    expect(redactText('{"access_token":"abcdef')).toBe('{"access_token":"***');
  });
});

describe('REDACTED_KEYS', () => {
  it('lists the credentials of the WeChat APIs', () => {
    for (const key of [
      'access_token',
      'component_appsecret',
      'authorizer_refresh_token',
      'EncodingAESKey',
      'aes_key',
      'js_code',
    ]) {
      expect(REDACTED_KEYS).toContain(key);
    }
    expect(isRedactedKey('encodingAesKey')).toBe(true);
    expect(isRedactedKey('Component-Verify-Ticket')).toBe(true);
    expect(isRedactedKey('errcode')).toBe(false);
    expect(isRedactedKey('appid')).toBe(false);
  });
});
