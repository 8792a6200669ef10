import { describe, expect, it } from '@jest/globals';
import { createJssdkConfig, jsapiSignature } from './jssdk-signature.js';

// The ticket of the official JS-SDK signature example (附录1), a published sample value.
const OFFICIAL_TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';

describe('jsapiSignature (doc 4.14)', () => {
  it('matches the composed vector', () => {
    const input = { ticket: 'sim_jsapi_ticket_001', nonceStr: 'abc123XYZ', timestamp: 1700000000 };
    expect(jsapiSignature({ ...input, url: 'https://h5.example.com/page?id=7' })).toBe(
      '30114e1d6c735156e5cfa6f2f0f6160d8f029614',
    );
  });

  it('matches the official example, with and without its query string', () => {
    const input = { ticket: OFFICIAL_TICKET, nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: '1414587457' };
    expect(jsapiSignature({ ...input, url: 'http://mp.weixin.qq.com?params=value' })).toBe(
      '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
    );
    expect(jsapiSignature({ ...input, url: 'http://mp.weixin.qq.com' })).toBe(
      'f4d90daf4b3bca3078ab155816175ba34c443a7b',
    );
  });

  it('drops the fragment and nothing else', () => {
    const input = { ticket: 'sim_jsapi_ticket_001', nonceStr: 'abc123XYZ', timestamp: 1700000000 };
    const plain = jsapiSignature({ ...input, url: 'https://h5.example.com/page?id=7' });
    expect(jsapiSignature({ ...input, url: 'https://h5.example.com/page?id=7#/route?x=1' })).toBe(plain);
    expect(jsapiSignature({ ...input, url: 'https://h5.example.com/page?id=%37' })).not.toBe(plain);
  });
});

describe('createJssdkConfig', () => {
  it('returns the wx.config fields, signed over the same timestamp and nonce', () => {
    const config = createJssdkConfig(
      'wxaaaaaaaaaaaaaaa1',
      'sim_jsapi_ticket_001',
      'https://h5.example.com/page?id=7#top',
      new Date(1700000000_999),
      'abc123XYZ',
    );
    expect(config).toEqual({
      appId: 'wxaaaaaaaaaaaaaaa1',
      timestamp: 1700000000,
      nonceStr: 'abc123XYZ',
      signature: '30114e1d6c735156e5cfa6f2f0f6160d8f029614',
    });
  });

  it('draws a fresh nonce and uses the current time by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = createJssdkConfig('wxaaaaaaaaaaaaaaa1', 'sim_jsapi_ticket_001', 'https://h5.example.com/');
    const b = createJssdkConfig('wxaaaaaaaaaaaaaaa1', 'sim_jsapi_ticket_001', 'https://h5.example.com/');
    expect(a.nonceStr).toMatch(/^[0-9a-f]{16}$/);
    expect(a.nonceStr).not.toBe(b.nonceStr);
    expect(a.timestamp).toBeGreaterThanOrEqual(before);
    expect(a.signature).toBe(
      jsapiSignature({
        ticket: 'sim_jsapi_ticket_001',
        nonceStr: a.nonceStr,
        timestamp: a.timestamp,
        url: 'https://h5.example.com/',
      }),
    );
  });
});
